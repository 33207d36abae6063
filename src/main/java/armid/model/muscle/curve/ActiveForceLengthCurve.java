package armid.model.muscle.curve;

/**
 * Active-force-length multiplier of a muscle fibre as a function of normalised
 * fibre length, exactly as OpenSim 4.x builds it: five C2-joined quintic Bézier
 * corners (steep ascending limb, shallow ascending limb, plateau at (1, 1),
 * descending limb), flat at {@code minimumValue} outside
 * [minNormActiveFiberLength, maxNormActiveFiberLength].
 *
 * <p>Construction after OpenSim 4.x {@code ActiveForceLengthCurve} and
 * {@code SmoothSegmentedFunctionFactory::createFiberActiveForceLengthCurve}
 * (Millard et al. 2013): the optimal length is 1, the Bézier curviness is fixed at
 * 1 (scaled 0.9), the shoulder sits at 0.95, and the shallow ascending limb meets
 * the plateau with slope {@code shallowAscendingSlope}.
 */
public final class ActiveForceLengthCurve implements BezierBackedCurve {

    /**
     * The curve's properties, named as in OpenSim's {@code ActiveForceLengthCurve}.
     *
     * @param minNormActiveFiberLength   min_norm_active_fiber_length: where the steep
     *                                   ascending limb starts
     * @param transitionNormFiberLength  transition_norm_fiber_length: where the steep
     *                                   ascending limb becomes the shallow one
     * @param maxNormActiveFiberLength   max_norm_active_fiber_length: where the
     *                                   descending limb ends
     * @param shallowAscendingSlope      shallow_ascending_slope
     * @param minimumValue               minimum_value: the curve's value outside the
     *                                   active range
     */
    public record Parameters(double minNormActiveFiberLength, double transitionNormFiberLength,
                             double maxNormActiveFiberLength, double shallowAscendingSlope,
                             double minimumValue) {

        /** OpenSim 4.x default property values. */
        public static Parameters defaults() {
            return new Parameters(0.47 - 0.0259, 0.73, 1.8123, 0.8616, 0.1);
        }

        /** A copy with another minimum_value. */
        public Parameters withMinimumValue(double value) {
            return new Parameters(minNormActiveFiberLength, transitionNormFiberLength,
                    maxNormActiveFiberLength, shallowAscendingSlope, value);
        }
    }

    /** Normalised length of the plateau's peak (optimal fibre length). */
    public static final double OPTIMAL_LENGTH = 1.0;
    /** Curviness OpenSim uses for this curve (before scaling to the Bézier's 0.9). */
    public static final double CURVINESS = 1.0;

    private final Parameters parameters;
    private final SegmentedQuinticBezierCurve curve;

    public ActiveForceLengthCurve(Parameters p) {
        this.parameters = p;
        double x0 = p.minNormActiveFiberLength();
        double x1 = p.transitionNormFiberLength();
        double x2 = OPTIMAL_LENGTH;
        double x3 = p.maxNormActiveFiberLength();
        double ylow = p.minimumValue();
        double dydx = p.shallowAscendingSlope();
        double rootEps = Math.sqrt(Math.ulp(1.0));
        if (!(x0 >= 0 && x1 > x0 + rootEps && x2 > x1 + rootEps && x3 > x2 + rootEps)) {
            throw new IllegalArgumentException("need 0 <= min_norm_active_fiber_length < "
                    + "transition_norm_fiber_length < 1 < max_norm_active_fiber_length, got " + p);
        }
        if (!(ylow >= 0)) {
            throw new IllegalArgumentException("minimum_value must be >= 0, got " + ylow);
        }
        double slopeBound = (1 - ylow) / (x2 - x1);
        if (!(dydx >= 0 && dydx < slopeBound)) {
            throw new IllegalArgumentException("shallow_ascending_slope must be in [0, " + slopeBound
                    + "), got " + dydx);
        }
        double c = BezierCorners.scaleCurviness(CURVINESS);

        // Shoulder: the shallow ascending limb ends 5% of the optimal length before it.
        double halfShoulder = 0.05 * x2;
        double xs = x2 - halfShoulder;

        // Steep ascending limb, from (x0, ylow) flat to its midpoint.
        double y1 = 1 - dydx * (xs - x1);
        double x01 = x0 + 0.5 * (x1 - x0);
        double y01 = 0.5 * y1; // midway between 0 and y1 (measured from 0, not from ylow)
        double dydx01 = 1.25 * y1 / (x1 - x0);

        // Shallow ascending limb: midpoint between x1 and the shoulder.
        double x1s = x1 + 0.5 * (xs - x1);
        double y1s = y1 + 0.5 * (1 - y1);

        // Descending limb: straight through its midpoint from (x2 + d, 1) to (x3 - d, 0).
        double x23 = (x2 + halfShoulder) + 0.5 * (x3 - (x2 + halfShoulder));
        double y23 = 0.5;
        double dydx23 = -1.0 / ((x3 - halfShoulder) - (x2 + halfShoulder));

        double[][] k0 = BezierCorners.corner(x0, ylow, 0.0, x01, y01, dydx01, c);
        double[][] k1 = BezierCorners.corner(x01, y01, dydx01, x1s, y1s, dydx, c);
        double[][] k2 = BezierCorners.corner(x1s, y1s, dydx, x2, 1.0, 0.0, c);
        double[][] k3 = BezierCorners.corner(x2, 1.0, 0.0, x23, y23, dydx23, c);
        double[][] k4 = BezierCorners.corner(x23, y23, dydx23, x3, ylow, 0.0, c);
        curve = new SegmentedQuinticBezierCurve(
                new double[][] {k0[0], k1[0], k2[0], k3[0], k4[0]},
                new double[][] {k0[1], k1[1], k2[1], k3[1], k4[1]},
                0.0, 0.0);
    }

    /** The curve with OpenSim's default properties. */
    public static ActiveForceLengthCurve withDefaults() {
        return new ActiveForceLengthCurve(Parameters.defaults());
    }

    public Parameters parameters() {
        return parameters;
    }

    @Override
    public SegmentedQuinticBezierCurve bezier() {
        return curve;
    }

}
