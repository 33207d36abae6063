package armid.model.muscle.curve;

import java.util.Arrays;

/**
 * A C1 function made of polynomial pieces on consecutive intervals, extended
 * beyond its first and last breakpoint by its tangent lines. Each piece is stored
 * in the local variable t = (x - start) / width in [0, 1], in power form, and
 * evaluated by Estrin's scheme (Horner's rule above degree 7): value and first
 * derivative are closed-form, cost a search over the breakpoints plus two
 * polynomial evaluations, and allocate nothing.
 *
 * <p>This is the differentiable stand-in for OpenSim's Bézier muscle curves of
 * the paper's section III.F.1 (polynomials joined by short line segments, which
 * here are simply pieces of degree 1); {@link CurveFitter} builds one from an
 * exact curve. Continuity of value and slope at the breakpoints is the builder's
 * responsibility and is checked, to a tolerance, at construction.
 */
public final class PiecewisePolynomialCurve implements NormalizedCurve {

    private final double[] breaks;
    private final double[] invWidth;
    private final int[] degree;
    /**
     * Every piece's coefficients padded with zeros to the stride's degree (7, or the highest degree of any piece if
     * that is higher): stride maxDegree + 1.
     */
    private final int maxDegree;
    private final double[] padded;
    /** The slope's coefficients per piece, (k + 1) c_{k+1} / width, the same stride (last entry zero). */
    private final double[] slopes;
    private final double yStart;
    private final double slopeStart;
    private final double yEnd;
    private final double slopeEnd;

    /**
     * @param breaks       strictly increasing breakpoints b_0 .. b_m
     * @param coefficients for each of the m pieces, the power-form coefficients
     *                     c_0 .. c_d of the polynomial in t = (x - b_i) / (b_{i+1} - b_i)
     * @param joinTolerance largest allowed mismatch of value (absolute) and slope
     *                     (relative to max(1, |slope|)) at interior breakpoints
     */
    public PiecewisePolynomialCurve(double[] breaks, double[][] coefficients, double joinTolerance) {
        int m = coefficients.length;
        if (m == 0 || breaks.length != m + 1) {
            throw new IllegalArgumentException("need m >= 1 pieces and m + 1 breakpoints");
        }
        this.breaks = breaks.clone();
        this.invWidth = new double[m];
        this.degree = new int[m];
        for (int i = 0; i < m; i++) {
            if (!(breaks[i + 1] > breaks[i])) {
                throw new IllegalArgumentException("breakpoints must increase: " + Arrays.toString(breaks));
            }
            if (coefficients[i].length == 0) {
                throw new IllegalArgumentException("piece " + i + " has no coefficients");
            }
            invWidth[i] = 1.0 / (breaks[i + 1] - breaks[i]);
            degree[i] = coefficients[i].length - 1;
        }
        int md = 0;
        for (int d : degree) {
            md = Math.max(md, d);
        }
        md = Math.max(md, ESTRIN_DEGREE);
        maxDegree = md;
        padded = new double[m * (md + 1)];
        slopes = new double[m * (md + 1)];
        for (int i = 0; i < m; i++) {
            int o = i * (md + 1);
            System.arraycopy(coefficients[i], 0, padded, o, coefficients[i].length);
            for (int k = 1; k <= degree[i]; k++) {
                slopes[o + k - 1] = k * padded[o + k] * invWidth[i];
            }
        }
        for (int i = 1; i < m; i++) {
            double vl = pieceValue(i - 1, 1.0);
            double vr = pieceValue(i, 0.0);
            double sl = pieceSlope(i - 1, 1.0);
            double sr = pieceSlope(i, 0.0);
            if (!(Math.abs(vl - vr) <= joinTolerance)
                    || !(Math.abs(sl - sr) <= joinTolerance * Math.max(1.0, Math.abs(sl)))) {
                throw new IllegalArgumentException(String.format(
                        "not C1 at breakpoint %d (x = %g): value %g vs %g, slope %g vs %g",
                        i, breaks[i], vl, vr, sl, sr));
            }
        }
        yStart = pieceValue(0, 0.0);
        slopeStart = pieceSlope(0, 0.0);
        yEnd = pieceValue(m - 1, 1.0);
        slopeEnd = pieceSlope(m - 1, 1.0);
    }

    /** Number of pieces (polynomials and line segments). */
    public int pieceCount() {
        return degree.length;
    }

    /** Degree of piece i (1 for a line segment). */
    public int degree(int i) {
        return degree[i];
    }

    /** Number of pieces of degree 2 or more. */
    public int polynomialCount() {
        int n = 0;
        for (int d : degree) {
            if (d >= 2) {
                n++;
            }
        }
        return n;
    }

    /** Copy of the breakpoints. */
    public double[] breakpoints() {
        return breaks.clone();
    }

    @Override
    public double minX() {
        return breaks[0];
    }

    @Override
    public double maxX() {
        return breaks[breaks.length - 1];
    }

    @Override
    public double value(double x) {
        if (x < breaks[0]) {
            return yStart + slopeStart * (x - breaks[0]);
        }
        int last = breaks.length - 1;
        if (x > breaks[last]) {
            return yEnd + slopeEnd * (x - breaks[last]);
        }
        if (x != x) {
            return Double.NaN;
        }
        int i = pieceOf(x);
        return pieceValue(i, (x - breaks[i]) * invWidth[i]);
    }

    @Override
    public double derivative(double x) {
        if (x < breaks[0]) {
            return slopeStart;
        }
        int last = breaks.length - 1;
        if (x > breaks[last]) {
            return slopeEnd;
        }
        if (x != x) {
            return Double.NaN;
        }
        int i = pieceOf(x);
        return pieceSlope(i, (x - breaks[i]) * invWidth[i]);
    }

    /** Second derivative; continuous inside pieces, may jump at breakpoints (the curve is C1). */
    @Override
    public double secondDerivative(double x) {
        int last = breaks.length - 1;
        if (x < breaks[0] || x > breaks[last]) {
            return 0.0;
        }
        if (x != x) {
            return Double.NaN;
        }
        int i = pieceOf(x);
        double t = (x - breaks[i]) * invWidth[i];
        int o = i * (maxDegree + 1);
        double s = 0.0;
        for (int k = degree[i]; k >= 2; k--) {
            s = s * t + k * (k - 1) * padded[o + k];
        }
        return s * invWidth[i] * invWidth[i];
    }

    /**
     * Value and first derivative with one piece lookup.
     *
     * @param out receives {value, derivative} in its first two entries
     */
    public void valueAndDerivative(double x, double[] out) {
        int last = breaks.length - 1;
        if (x < breaks[0]) {
            out[0] = yStart + slopeStart * (x - breaks[0]);
            out[1] = slopeStart;
            return;
        }
        if (x > breaks[last]) {
            out[0] = yEnd + slopeEnd * (x - breaks[last]);
            out[1] = slopeEnd;
            return;
        }
        if (x != x) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return;
        }
        pieceValueAndSlope(pieceOf(x), x, out);
    }

    /**
     * {@link #valueAndDerivative(double, double[])} trying piece {@code hint} first: along a smooth trajectory the
     * previous call's piece usually still contains x, which spares the binary search. Same result for any hint.
     *
     * @return the piece used, or -1 when x is beyond the breakpoints (or NaN): the next call's hint
     */
    public int valueAndDerivative(double x, double[] out, int hint) {
        int last = breaks.length - 1;
        if (!(x >= breaks[0] && x <= breaks[last])) {
            valueAndDerivative(x, out);
            return -1;
        }
        int i = hint;
        if (i >= 0 && i < last) {
            // A few steps from the hint (the short line segments between polynomials are often stepped over),
            // then the binary search.
            for (int k = 0; k < 3 && x < breaks[i] && i > 0; k++) {
                i--;
            }
            for (int k = 0; k < 3 && x >= breaks[i + 1] && i < last - 1; k++) {
                i++;
            }
            if (!(x >= breaks[i] && (x < breaks[i + 1] || i == last - 1))) {
                i = pieceOf(x);
            }
        } else {
            i = pieceOf(x);
        }
        pieceValueAndSlope(i, x, out);
        return i;
    }

    /**
     * Value and slope of piece i at x, both by Estrin's scheme over the coefficients padded to degree 7: the
     * products of t, t² and t⁴ are independent, so the chain of dependent operations is three multiply-adds long
     * instead of Horner's seven; the leading zeros change nothing, and every piece (polynomial or line segment) costs
     * the same, with no loop exit to mispredict.
     */
    private void pieceValueAndSlope(int i, double x, double[] out) {
        double t = (x - breaks[i]) * invWidth[i];
        out[0] = pieceValue(i, t);
        out[1] = pieceSlope(i, t);
    }

    /** Degree the pieces are padded to at least, evaluated by {@link #estrin7}. */
    private static final int ESTRIN_DEGREE = 7;

    /** c[o] + c[o+1] t + … + c[o+7] t⁷ by Estrin's scheme. */
    private static double estrin7(double[] c, int o, double t) {
        double t2 = t * t;
        double t4 = t2 * t2;
        double a0 = c[o] + c[o + 1] * t;
        double a1 = c[o + 2] + c[o + 3] * t;
        double a2 = c[o + 4] + c[o + 5] * t;
        double a3 = c[o + 6] + c[o + 7] * t;
        return (a0 + a1 * t2) + (a2 + a3 * t2) * t4;
    }

    private static double horner(double[] c, int o, int degree, double t) {
        double v = c[o + degree];
        for (int k = degree - 1; k >= 0; k--) {
            v = v * t + c[o + k];
        }
        return v;
    }

    /** Index of the piece containing x, for breaks[0] <= x <= breaks[m]. */
    private int pieceOf(double x) {
        int lo = 0;
        int hi = breaks.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (breaks[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double pieceValue(int i, double t) {
        int o = i * (maxDegree + 1);
        return maxDegree == ESTRIN_DEGREE ? estrin7(padded, o, t) : horner(padded, o, maxDegree, t);
    }

    private double pieceSlope(int i, double t) {
        int o = i * (maxDegree + 1);
        return maxDegree == ESTRIN_DEGREE ? estrin7(slopes, o, t) : horner(slopes, o, maxDegree, t);
    }
}
