package armid.model.muscle.curve;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link PiecewisePolynomialCurve} to an exact curve: polynomials joined by
 * short line segments, C1 everywhere, after the differentiable curve
 * approximation of the paper's section III.F.1 (8 to 15 polynomials per curve).
 *
 * <p>Method. The domain [a, b] is cut at split points m_1 &lt; ... &lt; m_{K-1}. Around
 * each split point lies a line segment of width w: the exact curve's tangent at
 * m, so it matches the curve to about max|f''| w² / 8; w is the largest width, at most a fraction of the
 * piece it splits, found by halving, over which the tangent stays within a
 * quarter of the target error of the curve and the curve's slope close enough to
 * the tangent's that the neighbouring polynomials can take up the difference
 * (where the curve bends, the lines are therefore very short). Between the line segments (and the domain ends) lie
 * polynomials of the chosen degree d &gt;= 3: their value and slope at both ends are
 * fixed to those of the neighbouring line (or of the exact curve at a and b), so
 * the curve is C1 by construction, and the remaining d - 3 coefficients are
 * fitted by least squares to the exact curve at Chebyshev-distributed samples.
 * Starting from one polynomial, the polynomial with the largest error is split
 * where its error is largest (kept 20% away from its ends) until there are at least the minimum number of polynomials and the
 * error is below the target, or the maximum number is reached. Beyond [a, b] the
 * fitted curve continues along its end tangents, which are the exact curve's, so
 * it stays exact there wherever the exact curve is linear beyond [a, b] (as all
 * four OpenSim muscle curves are beyond their Bézier domain).
 */
public final class CurveFitter {

    /**
     * Fitting options.
     *
     * @param minPolynomials    fewest polynomial pieces (the paper: 8)
     * @param maxPolynomials    most polynomial pieces (the paper: 15)
     * @param degree            polynomial degree, at least 3
     * @param targetError       stop splitting once the largest sampled error is below this
     * @param samplesPerPiece   samples per polynomial for the least-squares fit and error
     * @param lineFraction      largest line-segment width as a fraction of the piece it splits
     */
    public record Options(int minPolynomials, int maxPolynomials, int degree, double targetError,
                          int samplesPerPiece, double lineFraction) {

        public Options {
            if (minPolynomials < 1 || maxPolynomials < minPolynomials) {
                throw new IllegalArgumentException("need 1 <= minPolynomials <= maxPolynomials");
            }
            if (degree < 3) {
                throw new IllegalArgumentException("degree must be at least 3 (value and slope fixed at both ends)");
            }
            if (!(targetError > 0) || samplesPerPiece < 2 * degree || !(lineFraction > 0 && lineFraction < 0.5)) {
                throw new IllegalArgumentException("invalid options");
            }
        }

        /** 8 to 15 polynomials of degree 7, target 1e-6, 400 samples, lines up to 2% of a piece. */
        public static Options defaults() {
            return new Options(8, 15, 7, 1e-6, 400, 0.02);
        }
    }

    private CurveFitter() {
    }

    /** Fit with {@link Options#defaults()}. */
    public static PiecewisePolynomialCurve fit(NormalizedCurve exact, double a, double b) {
        return fit(exact, a, b, Options.defaults());
    }

    /** Fits the active force-length curve over its active range [minNormActiveFiberLength, maxNormActiveFiberLength]. */
    public static PiecewisePolynomialCurve fitActiveForceLength(ActiveForceLengthCurve c) {
        return fit(c, c.minX(), c.maxX());
    }

    /** Fits the force-velocity curve over normalised velocities [-1, 1]. */
    public static PiecewisePolynomialCurve fitForceVelocity(ForceVelocityCurve c) {
        return fit(c, c.minX(), c.maxX());
    }

    /**
     * Fits the passive fibre force-length curve over [1 + strain_at_zero_force,
     * 1 + strain_at_one_norm_force]; outside, the fit continues as the exact curve does
     * (zero to the left, the line of slope stiffness_at_one_norm_force to the right).
     */
    public static PiecewisePolynomialCurve fitFiberForceLength(FiberForceLengthCurve c) {
        return fit(c, c.minX(), c.maxX());
    }

    /**
     * Fits the tendon force-length curve over its toe region [1, toe end]; beyond it
     * the fit continues as the exact curve does (zero for slack tendon, the line of
     * slope stiffness_at_one_norm_force through (1 + strain_at_one_norm_force, 1)).
     */
    public static PiecewisePolynomialCurve fitTendonForceLength(TendonForceLengthCurve c) {
        return fit(c, c.minX(), c.maxX());
    }

    /** Fits {@code exact} on [a, b]. */
    public static PiecewisePolynomialCurve fit(NormalizedCurve exact, double a, double b, Options o) {
        if (!(b > a)) {
            throw new IllegalArgumentException("need a < b");
        }
        double lineTolerance = 0.25 * o.targetError();
        // split points and line half-widths; the ends have width 0
        List<double[]> splits = new ArrayList<>(); // {m, halfWidth}
        splits.add(new double[] {a, 0.0});
        splits.add(new double[] {b, 0.0});
        List<double[]> polys = fitAll(exact, splits, o);
        while (true) {
            int worst = -1;
            double worstErr = -1;
            for (int i = 0; i < polys.size(); i++) {
                double e = pieceError(exact, splits, i, polys.get(i), o);
                if (e > worstErr) {
                    worstErr = e;
                    worst = i;
                }
            }
            int count = polys.size();
            if (count >= o.maxPolynomials() || (count >= o.minPolynomials() && worstErr <= o.targetError())) {
                break;
            }
            double left = splits.get(worst)[0] + splits.get(worst)[1];
            double right = splits.get(worst + 1)[0] - splits.get(worst + 1)[1];
            double m = worstLocation(exact, left, right, polys.get(worst), o);
            // the polynomials next to the line must take up the line's slope where the
            // curve's own slope differs; a slope mismatch s over a piece of width h costs
            // an error of roughly s h / d², so keep s below d² target / (2 h)
            double slopeTolerance = 0.5 * o.degree() * o.degree() * o.targetError() / (right - left);
            double half = lineHalfWidth(exact, m, 0.5 * o.lineFraction() * (right - left), lineTolerance,
                    slopeTolerance);
            splits.add(worst + 1, new double[] {m, half});
            polys = fitAll(exact, splits, o);
        }
        return assemble(exact, splits, polys);
    }

    /**
     * Largest half-width, at most {@code maxHalf}, over which the tangent at m stays
     * within {@code tolerance} of the exact curve and the curve's slope within
     * {@code slopeTolerance} of the tangent's (checked on 64 samples, halving the
     * width until both hold).
     */
    private static double lineHalfWidth(NormalizedCurve exact, double m, double maxHalf, double tolerance,
                                        double slopeTolerance) {
        double y = exact.value(m);
        double slope = exact.derivative(m);
        double half = maxHalf;
        for (int iter = 0; iter < 200; iter++) {
            double worst = 0;
            double worstSlope = 0;
            for (int j = 0; j <= 64; j++) {
                double dx = half * (2.0 * j / 64 - 1.0);
                worst = Math.max(worst, Math.abs(exact.value(m + dx) - y - slope * dx));
                worstSlope = Math.max(worstSlope, Math.abs(exact.derivative(m + dx) - slope));
            }
            if (worst <= tolerance && worstSlope <= slopeTolerance) {
                return half;
            }
            half *= 0.5;
        }
        return half;
    }

    /** Largest |fit - exact| on n + 1 evenly spaced points of [a, b]. */
    public static double maxError(NormalizedCurve exact, NormalizedCurve fit, double a, double b, int n) {
        double worst = 0;
        for (int i = 0; i <= n; i++) {
            double x = a + (b - a) * i / n;
            worst = Math.max(worst, Math.abs(fit.value(x) - exact.value(x)));
        }
        return worst;
    }

    /** Largest |fit' - exact'| on n + 1 evenly spaced points of [a, b]. */
    public static double maxDerivativeError(NormalizedCurve exact, NormalizedCurve fit, double a, double b, int n) {
        double worst = 0;
        for (int i = 0; i <= n; i++) {
            double x = a + (b - a) * i / n;
            worst = Math.max(worst, Math.abs(fit.derivative(x) - exact.derivative(x)));
        }
        return worst;
    }

    private static List<double[]> fitAll(NormalizedCurve exact, List<double[]> splits, Options o) {
        List<double[]> polys = new ArrayList<>();
        for (int i = 0; i + 1 < splits.size(); i++) {
            polys.add(fitPiece(exact, splits, i, o));
        }
        return polys;
    }

    /** End conditions of polynomial i: {p, q, y(p), y'(p), y(q), y'(q)}. */
    private static double[] ends(NormalizedCurve exact, List<double[]> splits, int i) {
        double[] s0 = splits.get(i);
        double[] s1 = splits.get(i + 1);
        double p = s0[0] + s0[1];
        double q = s1[0] - s1[1];
        // on the tangent line at the split point (exact at the domain ends)
        double slope0 = exact.derivative(s0[0]);
        double slope1 = exact.derivative(s1[0]);
        double y0 = exact.value(s0[0]) + slope0 * s0[1];
        double y1 = exact.value(s1[0]) - slope1 * s1[1];
        return new double[] {p, q, y0, slope0, y1, slope1};
    }

    /** Power-form coefficients in t = (x - p) / (q - p) of polynomial i. */
    private static double[] fitPiece(NormalizedCurve exact, List<double[]> splits, int i, Options o) {
        double[] e = ends(exact, splits, i);
        double p = e[0];
        double q = e[1];
        double h = q - p;
        int d = o.degree();
        double[] c = new double[d + 1];
        // cubic Hermite part: value and slope (in t) at both ends
        double y0 = e[2];
        double m0 = e[3] * h;
        double y1 = e[4];
        double m1 = e[5] * h;
        c[0] = y0;
        c[1] = m0;
        c[2] = -3 * y0 - 2 * m0 + 3 * y1 - m1;
        c[3] = 2 * y0 + m0 - 2 * y1 + m1;
        int free = d - 3;
        if (free > 0) {
            int n = o.samplesPerPiece();
            double[][] normal = new double[free][free];
            double[] rhs = new double[free];
            double[] basis = new double[free];
            for (int j = 0; j < n; j++) {
                double t = 0.5 - 0.5 * Math.cos(Math.PI * (j + 0.5) / n);
                double residual = exact.value(p + h * t) - horner(c, t);
                double bubble = t * t * (1 - t) * (1 - t);
                double tk = 1.0;
                for (int k = 0; k < free; k++) {
                    basis[k] = bubble * tk;
                    tk *= t;
                }
                for (int r = 0; r < free; r++) {
                    rhs[r] += basis[r] * residual;
                    for (int s = 0; s < free; s++) {
                        normal[r][s] += basis[r] * basis[s];
                    }
                }
            }
            double[] coef = solveSymmetric(normal, rhs);
            // add sum_k coef_k t^(k+2) (1 - t)^2 = coef_k (t^(k+2) - 2 t^(k+3) + t^(k+4))
            for (int k = 0; k < free; k++) {
                c[k + 2] += coef[k];
                c[k + 3] -= 2 * coef[k];
                c[k + 4] += coef[k];
            }
        }
        return c;
    }

    /** Where in [left, right] polynomial c is farthest from the curve, kept 20% away from the ends. */
    private static double worstLocation(NormalizedCurve exact, double left, double right, double[] c, Options o) {
        double h = right - left;
        int n = o.samplesPerPiece();
        double worst = -1;
        double at = 0.5;
        for (int j = 0; j <= n; j++) {
            double t = j / (double) n;
            double e = Math.abs(horner(c, t) - exact.value(left + h * t));
            if (e > worst) {
                worst = e;
                at = t;
            }
        }
        at = Math.min(0.8, Math.max(0.2, at));
        return left + h * at;
    }

    private static double pieceError(NormalizedCurve exact, List<double[]> splits, int i, double[] c, Options o) {
        double[] e = ends(exact, splits, i);
        double p = e[0];
        double h = e[1] - p;
        int n = o.samplesPerPiece();
        double worst = 0;
        for (int j = 0; j <= n; j++) {
            double t = j / (double) n;
            worst = Math.max(worst, Math.abs(horner(c, t) - exact.value(p + h * t)));
        }
        return worst;
    }

    private static PiecewisePolynomialCurve assemble(NormalizedCurve exact, List<double[]> splits,
                                                     List<double[]> polys) {
        List<Double> breaks = new ArrayList<>();
        List<double[]> pieces = new ArrayList<>();
        breaks.add(splits.get(0)[0]);
        for (int i = 0; i < polys.size(); i++) {
            double[] s1 = splits.get(i + 1);
            double q = s1[0] - s1[1];
            breaks.add(q);
            pieces.add(polys.get(i));
            if (i + 1 < polys.size()) {
                // tangent line segment at the split point, in t over [m - w/2, m + w/2]
                double m = s1[0];
                double half = s1[1];
                double slope = exact.derivative(m);
                double y = exact.value(m);
                breaks.add(m + half);
                pieces.add(new double[] {y - slope * half, 2 * half * slope});
            }
        }
        double[] br = new double[breaks.size()];
        for (int i = 0; i < br.length; i++) {
            br[i] = breaks.get(i);
        }
        return new PiecewisePolynomialCurve(br, pieces.toArray(new double[0][]), 1e-8);
    }

    private static double horner(double[] c, double t) {
        double v = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            v = v * t + c[k];
        }
        return v;
    }

    /** Solves the small symmetric positive definite system A x = b (Cholesky). */
    private static double[] solveSymmetric(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("least-squares system is not positive definite");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
