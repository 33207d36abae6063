package armid.model.muscle.curve;

import java.util.Arrays;

/**
 * A function y(x) made of quintic Bézier segments joined end to end, extended by
 * straight lines beyond its first and last control point.
 *
 * <p>Each segment is a parametric curve (x(u), y(u)), u in [0, 1]. To evaluate at x
 * the parameter u with x(u) = x is found first: an initial guess is interpolated
 * from a table of x(u) sampled at 100 evenly spaced u (OpenSim interpolates a
 * spline through the same samples), then refined by Newton's method on x(u) - x,
 * kept inside a bracket so that it cannot diverge, until the step is below
 * 1e-15 (OpenSim stops at |x(u) - x| &lt;= 100 machine epsilons; the result here is
 * at least as accurate). Value and derivatives then follow in closed form:
 * dy/dx = y'(u)/x'(u) and d²y/dx² = (y''x' - y'x'')/x'^3.
 *
 * <p>Outside the control-point domain [x0, x1] the function is the tangent line
 * at the nearer end, with the end slopes given to the constructor: value
 * y0 + dydx0 (x - x0), first derivative dydx0, second derivative 0. A NaN
 * argument gives NaN.
 *
 * <p>The integral from x0 is exact up to rounding: within a segment
 * ∫ y dx = ∫ y(u) x'(u) du is a polynomial of degree 9 in u, which 5-point
 * Gauss–Legendre quadrature integrates exactly. (OpenSim integrates numerically
 * from the left with a Runge–Kutta–Merson integrator and interpolates the result
 * with a cubic spline, which agrees with the exact value to about 1e-6 relative
 * or better.) Beyond the ends the integral of the tangent line is added.
 *
 * <p>Semantics after OpenSim 4.x {@code SmoothSegmentedFunction} and
 * {@code SegmentedQuinticBezierToolkit} (M. Millard et al., "Flexing
 * computational muscle: modeling and simulation of musculotendon dynamics",
 * J. Biomech. Eng. 135(2), 2013). Instances are immutable and thread-safe;
 * evaluation allocates nothing.
 */
public final class SegmentedQuinticBezierCurve implements NormalizedCurve {

    /** Samples of x(u) per segment used for the initial guess of u. */
    private static final int TABLE_SIZE = 100;
    private static final int MAX_ITERATIONS = 60;
    private static final double U_TOLERANCE = 1e-15;

    /** 5-point Gauss–Legendre nodes on [-1, 1] and weights. */
    private static final double[] GL_NODES = {
        -0.9061798459386639927976269, -0.5384693101056830910363144, 0.0,
        0.5384693101056830910363144, 0.9061798459386639927976269};
    private static final double[] GL_WEIGHTS = {
        0.2369268850561890875142640, 0.4786286704993664680412915, 0.5688888888888888888888889,
        0.4786286704993664680412915, 0.2369268850561890875142640};

    private final int segments;
    /** Control points, 6 per segment. */
    private final double[] px;
    private final double[] py;
    /** Control points of dx/du and dy/du (degree 4), 5 per segment. */
    private final double[] dpx;
    private final double[] dpy;
    /** Control points of d²x/du² and d²y/du² (degree 3), 4 per segment. */
    private final double[] ddpx;
    private final double[] ddpy;
    /** x(u) at u = i / (TABLE_SIZE - 1), TABLE_SIZE per segment. */
    private final double[] table;
    /** Integral of y from x0 to the start of each segment; last entry: to x1. */
    private final double[] cumulativeIntegral;

    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final double dydx0;
    private final double dydx1;

    /**
     * @param ctrlX x coordinates of the control points, one array of 6 per segment;
     *              consecutive segments must share their end point, and the x
     *              coordinates must not decrease (x(u) monotonic)
     * @param ctrlY y coordinates of the control points, same layout
     * @param dydx0 slope used to extend the curve left of the first control point
     * @param dydx1 slope used to extend the curve right of the last control point
     */
    public SegmentedQuinticBezierCurve(double[][] ctrlX, double[][] ctrlY, double dydx0, double dydx1) {
        if (ctrlX.length == 0 || ctrlX.length != ctrlY.length) {
            throw new IllegalArgumentException("need the same, non-zero number of x and y control point sets");
        }
        segments = ctrlX.length;
        px = new double[6 * segments];
        py = new double[6 * segments];
        for (int s = 0; s < segments; s++) {
            if (ctrlX[s].length != 6 || ctrlY[s].length != 6) {
                throw new IllegalArgumentException("a quintic Bézier segment has 6 control points");
            }
            System.arraycopy(ctrlX[s], 0, px, 6 * s, 6);
            System.arraycopy(ctrlY[s], 0, py, 6 * s, 6);
        }
        for (int i = 1; i < px.length; i++) {
            if (!(px[i] >= px[i - 1])) {
                throw new IllegalArgumentException(
                        "x control points must be non-decreasing, got " + Arrays.toString(px));
            }
        }
        for (int s = 1; s < segments; s++) {
            if (px[6 * s] != px[6 * s - 1] || py[6 * s] != py[6 * s - 1]) {
                throw new IllegalArgumentException("segment " + s + " does not start where segment "
                        + (s - 1) + " ends");
            }
        }
        if (!(px[px.length - 1] > px[0])) {
            throw new IllegalArgumentException("empty domain");
        }
        dpx = new double[5 * segments];
        dpy = new double[5 * segments];
        ddpx = new double[4 * segments];
        ddpy = new double[4 * segments];
        for (int s = 0; s < segments; s++) {
            for (int i = 0; i < 5; i++) {
                dpx[5 * s + i] = 5.0 * (px[6 * s + i + 1] - px[6 * s + i]);
                dpy[5 * s + i] = 5.0 * (py[6 * s + i + 1] - py[6 * s + i]);
            }
            for (int i = 0; i < 4; i++) {
                ddpx[4 * s + i] = 4.0 * (dpx[5 * s + i + 1] - dpx[5 * s + i]);
                ddpy[4 * s + i] = 4.0 * (dpy[5 * s + i + 1] - dpy[5 * s + i]);
            }
        }
        table = new double[TABLE_SIZE * segments];
        for (int s = 0; s < segments; s++) {
            for (int i = 0; i < TABLE_SIZE; i++) {
                table[TABLE_SIZE * s + i] = bezier5(px, 6 * s, i / (double) (TABLE_SIZE - 1));
            }
        }
        this.x0 = px[0];
        this.x1 = px[px.length - 1];
        this.y0 = py[0];
        this.y1 = py[py.length - 1];
        this.dydx0 = dydx0;
        this.dydx1 = dydx1;
        cumulativeIntegral = new double[segments + 1];
        for (int s = 0; s < segments; s++) {
            cumulativeIntegral[s + 1] = cumulativeIntegral[s] + segmentIntegral(s, 1.0);
        }
    }

    @Override
    public double minX() {
        return x0;
    }

    @Override
    public double maxX() {
        return x1;
    }

    /** Number of quintic Bézier segments. */
    public int segmentCount() {
        return segments;
    }

    /** Copy of the 6 x control points of segment {@code s}. */
    public double[] controlPointsX(int s) {
        return Arrays.copyOfRange(px, 6 * s, 6 * s + 6);
    }

    /** Copy of the 6 y control points of segment {@code s}. */
    public double[] controlPointsY(int s) {
        return Arrays.copyOfRange(py, 6 * s, 6 * s + 6);
    }

    /** Slope of the left linear extension. */
    public double startSlope() {
        return dydx0;
    }

    /** Slope of the right linear extension. */
    public double endSlope() {
        return dydx1;
    }

    @Override
    public double value(double x) {
        if (x < x0) {
            return y0 + dydx0 * (x - x0);
        }
        if (x > x1) {
            return y1 + dydx1 * (x - x1);
        }
        if (x != x) {
            return Double.NaN;
        }
        int s = segmentOf(x);
        return bezier5(py, 6 * s, solveU(s, x));
    }

    @Override
    public double derivative(double x) {
        if (x < x0) {
            return dydx0;
        }
        if (x > x1) {
            return dydx1;
        }
        if (x != x) {
            return Double.NaN;
        }
        int s = segmentOf(x);
        double u = solveU(s, x);
        return bezier4(dpy, 5 * s, u) / bezier4(dpx, 5 * s, u);
    }

    @Override
    public double secondDerivative(double x) {
        if (x < x0 || x > x1) {
            return 0.0;
        }
        if (x != x) {
            return Double.NaN;
        }
        int s = segmentOf(x);
        double u = solveU(s, x);
        double xu = bezier4(dpx, 5 * s, u);
        double yu = bezier4(dpy, 5 * s, u);
        double xuu = bezier3(ddpx, 4 * s, u);
        double yuu = bezier3(ddpy, 4 * s, u);
        return (yuu * xu - yu * xuu) / (xu * xu * xu);
    }

    /**
     * Value, first and second derivative at {@code x} with a single solve for u.
     *
     * @param out receives {value, derivative, second derivative} in its first three
     *            entries
     */
    public void evaluate(double x, double[] out) {
        if (x < x0) {
            out[0] = y0 + dydx0 * (x - x0);
            out[1] = dydx0;
            out[2] = 0.0;
            return;
        }
        if (x > x1) {
            out[0] = y1 + dydx1 * (x - x1);
            out[1] = dydx1;
            out[2] = 0.0;
            return;
        }
        if (x != x) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            out[2] = Double.NaN;
            return;
        }
        int s = segmentOf(x);
        double u = solveU(s, x);
        double xu = bezier4(dpx, 5 * s, u);
        double yu = bezier4(dpy, 5 * s, u);
        double xuu = bezier3(ddpx, 4 * s, u);
        double yuu = bezier3(ddpy, 4 * s, u);
        out[0] = bezier5(py, 6 * s, u);
        out[1] = yu / xu;
        out[2] = (yuu * xu - yu * xuu) / (xu * xu * xu);
    }

    /**
     * Integral of the curve from {@link #minX()} to {@code x} (negative for x below
     * minX()), including the linear extensions.
     */
    public double integral(double x) {
        if (x < x0) {
            double d = x - x0;
            return y0 * d + 0.5 * dydx0 * d * d;
        }
        if (x > x1) {
            double d = x - x1;
            return cumulativeIntegral[segments] + y1 * d + 0.5 * dydx1 * d * d;
        }
        if (x != x) {
            return Double.NaN;
        }
        int s = segmentOf(x);
        return cumulativeIntegral[s] + segmentIntegral(s, solveU(s, x));
    }

    /** The Bézier parameter u of segment {@code s} at which x(u) = x, x inside the segment. */
    double solveU(int s, double x) {
        int o = TABLE_SIZE * s;
        int lo = 0;
        int hi = TABLE_SIZE - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (table[o + mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double ul = lo / (double) (TABLE_SIZE - 1);
        double uh = hi / (double) (TABLE_SIZE - 1);
        double xl = table[o + lo];
        double xh = table[o + hi];
        double u = xh > xl ? ul + (x - xl) * (uh - ul) / (xh - xl) : ul;
        if (u < ul) {
            u = ul;
        } else if (u > uh) {
            u = uh;
        }
        int ox = 6 * s;
        int odx = 5 * s;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double f = bezier5(px, ox, u) - x;
            if (f == 0.0) {
                return u;
            }
            if (f > 0.0) {
                uh = u;
            } else {
                ul = u;
            }
            double next = u - f / bezier4(dpx, odx, u);
            if (!(next >= ul && next <= uh)) {
                next = 0.5 * (ul + uh); // Newton left the bracket (or x'(u) = 0): bisect
            }
            if (Math.abs(next - u) <= U_TOLERANCE) {
                return next;
            }
            u = next;
        }
        return u;
    }

    private int segmentOf(double x) {
        for (int s = 0; s < segments - 1; s++) {
            if (x < px[6 * s + 5]) {
                return s;
            }
        }
        return segments - 1;
    }

    /** ∫_0^u y(t) x'(t) dt on segment s (exact: the integrand has degree 9). */
    private double segmentIntegral(int s, double u) {
        double half = 0.5 * u;
        double sum = 0.0;
        for (int k = 0; k < 5; k++) {
            double t = half * (1.0 + GL_NODES[k]);
            sum += GL_WEIGHTS[k] * bezier5(py, 6 * s, t) * bezier4(dpx, 5 * s, t);
        }
        return half * sum;
    }

    /** Quintic Bernstein polynomial with coefficients p[o..o+5] at u. */
    static double bezier5(double[] p, int o, double u) {
        double v = 1.0 - u;
        double u2 = u * u;
        double v2 = v * v;
        return v2 * v2 * v * p[o]
                + 5.0 * u * v2 * v2 * p[o + 1]
                + 10.0 * u2 * v2 * v * p[o + 2]
                + 10.0 * u2 * u * v2 * p[o + 3]
                + 5.0 * u2 * u2 * v * p[o + 4]
                + u2 * u2 * u * p[o + 5];
    }

    /** Quartic Bernstein polynomial with coefficients p[o..o+4] at u. */
    static double bezier4(double[] p, int o, double u) {
        double v = 1.0 - u;
        double u2 = u * u;
        double v2 = v * v;
        return v2 * v2 * p[o]
                + 4.0 * u * v2 * v * p[o + 1]
                + 6.0 * u2 * v2 * p[o + 2]
                + 4.0 * u2 * u * v * p[o + 3]
                + u2 * u2 * p[o + 4];
    }

    /** Cubic Bernstein polynomial with coefficients p[o..o+3] at u. */
    static double bezier3(double[] p, int o, double u) {
        double v = 1.0 - u;
        return v * v * v * p[o]
                + 3.0 * u * v * v * p[o + 1]
                + 3.0 * u * u * v * p[o + 2]
                + u * u * u * p[o + 3];
    }
}
