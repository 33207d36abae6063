package armid.model.muscle.curve;

/**
 * Builds the control points of one C-shaped quintic Bézier "corner" between two
 * points with prescribed slopes, the building block of OpenSim's muscle curves.
 *
 * <p>The tangent lines through (x0, y0) with slope dydx0 and through (x1, y1) with
 * slope dydx1 meet at a corner point C (if the slopes are equal to within
 * sqrt(machine epsilon), C is taken at the mid abscissa on the second line). The
 * six control points are P0, M0, M0, M1, M1, P1 with M0 = P0 + c (C - P0) and
 * M1 = P1 + c (C - P1): doubling the interior points makes the second
 * derivative d²y/dx² vanish at both ends, so corners joined end to end with equal
 * slopes form a C2 curve. c in [0, 1] is the Bézier curviness; the user-facing
 * curviness k in [0, 1] of the muscle curves maps to c = 0.1 + 0.8 k.
 *
 * <p>Construction after OpenSim 4.x {@code SegmentedQuinticBezierToolkit::
 * calcQuinticBezierCornerControlPoints} and
 * {@code SmoothSegmentedFunctionFactory::scaleCurviness} (Millard et al. 2013).
 */
final class BezierCorners {

    private static final double ROOT_EPS = Math.sqrt(Math.ulp(1.0));

    private BezierCorners() {
    }

    /** Maps a muscle-curve curviness in [0, 1] to the Bézier curviness 0.1 + 0.8 k. */
    static double scaleCurviness(double curviness) {
        return 0.1 + 0.8 * curviness;
    }

    /**
     * Control points of the corner from (x0, y0) with slope dydx0 to (x1, y1) with
     * slope dydx1.
     *
     * @return {x control points[6], y control points[6]}
     * @throws IllegalArgumentException if c is outside [0, 1] or the corner point is
     *                                  not closer to either end than the ends are to
     *                                  each other (not a C-shaped corner)
     */
    static double[][] corner(double x0, double y0, double dydx0,
                             double x1, double y1, double dydx1, double c) {
        if (!(c >= 0 && c <= 1)) {
            throw new IllegalArgumentException("Bézier curviness must be in [0, 1], got " + c);
        }
        double xC;
        if (Math.abs(dydx0 - dydx1) > ROOT_EPS) {
            xC = (y1 - y0 - x1 * dydx1 + x0 * dydx0) / (dydx0 - dydx1);
        } else {
            xC = 0.5 * (x1 + x0);
        }
        double yC = (xC - x1) * dydx1 + y1;

        double dx0 = xC - x0;
        double dy0 = yC - y0;
        double dx1 = xC - x1;
        double dy1 = yC - y1;
        double dx = x1 - x0;
        double dy = y1 - y0;
        double a = dx0 * dx0 + dy0 * dy0;
        double b = dx1 * dx1 + dy1 * dy1;
        double span = dx * dx + dy * dy;
        if (!(span > a && span > b)) {
            throw new IllegalArgumentException(String.format(
                    "the tangents at (%g, %g) slope %g and (%g, %g) slope %g do not form a C-shaped corner",
                    x0, y0, dydx0, x1, y1, dydx1));
        }
        double mx0 = x0 + c * dx0;
        double my0 = y0 + c * dy0;
        double mx1 = x1 + c * dx1;
        double my1 = y1 + c * dy1;
        return new double[][] {
            {x0, mx0, mx0, mx1, mx1, x1},
            {y0, my0, my0, my1, my1, y1}};
    }
}
