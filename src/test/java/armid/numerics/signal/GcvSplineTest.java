package armid.numerics.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GcvSplineTest {

    private static double[] irregularKnots(int n, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        x[0] = -0.3;
        for (int i = 1; i < n; i++) {
            x[i] = x[i - 1] + 0.05 + 0.1 * rnd.nextDouble();
        }
        return x;
    }

    private static double poly(double[] c, double t, int d) {
        double s = 0;
        for (int k = d; k < c.length; k++) {
            double f = 1;
            for (int j = 0; j < d; j++) {
                f *= k - j;
            }
            s += c[k] * f * Math.pow(t, k - d);
        }
        return s;
    }

    /** Natural splines reproduce polynomials of degree < m everywhere, derivatives and extrapolation included. */
    @Test
    void interpolatingSplineReproducesPolynomialsOfDegreeBelowHalfOrder() {
        for (int m = 1; m <= 4; m++) {
            double[] x = irregularKnots(25, m);
            double[] c = new double[m];
            for (int k = 0; k < m; k++) {
                c[k] = 1.5 - 0.7 * k + 0.3 * k * k;
            }
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = poly(c, x[i], 0);
            }
            for (GcvSpline s : new GcvSpline[] {
                GcvSpline.fit(2 * m - 1, x, y, GcvSpline.Criterion.SMOOTHING_PARAMETER, 0.0),
                GcvSpline.fitOpenSim(2 * m - 1, x, y)}) {
                for (double t = x[0] - 0.2; t <= x[x.length - 1] + 0.2; t += 0.0173) {
                    for (int d = 0; d <= 2 * m; d++) {
                        double exact = poly(c, t, d);
                        // Derivatives of order >= m are zero; their rounding grows with the order.
                        double tol = d < m ? 1e-9 * (1 + Math.abs(exact)) : 1e-7 * Math.pow(20, d - m);
                        assertEquals(exact, s.derivative(d, t), tol, "m=" + m + " d=" + d + " t=" + t);
                    }
                }
            }
        }
    }

    /**
     * A polynomial of degree up to 2m-1 is interpolated at every knot, the spline satisfies the natural end
     * conditions, and matches an independently built natural spline (truncated-power basis solved densely),
     * values and first and second derivatives, anywhere.
     */
    @Test
    void interpolatesHighDegreePolynomialAsTheNaturalSpline() {
        int m = 3;
        double[] x = irregularKnots(14, 7);
        double[] c = {0.2, -1.0, 0.5, 2.0, -1.5, 0.8}; // degree 5 = 2m-1
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = poly(c, x[i], 0);
        }
        GcvSpline s = GcvSpline.fitOpenSim(5, x, y);
        assertEquals(5, s.degree());
        assertTrue(s.meanSquaredResidual() < 1e-24, "residual " + s.meanSquaredResidual());
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], s.value(x[i]), 1e-11, "knot " + i);
        }
        // Natural end conditions: derivatives m..2m-2 vanish at both ends.
        for (int d = m; d <= 2 * m - 2; d++) {
            assertEquals(0.0, s.derivative(d, x[0]), 1e-7, "d=" + d + " at start");
            assertEquals(0.0, s.derivative(d, x[x.length - 1] - 1e-12), 1e-6, "d=" + d + " at end");
        }
        NaturalSpline ref = new NaturalSpline(m, x, y);
        for (double t = x[0] - 0.1; t <= x[x.length - 1] + 0.1; t += 0.00937) {
            for (int d = 0; d <= 2; d++) {
                double e = ref.derivative(d, t);
                assertEquals(e, s.derivative(d, t), 1e-7 * (1 + Math.abs(e)), "d=" + d + " t=" + t);
            }
        }
        // Away from the ends, where the natural conditions no longer matter, the polynomial itself is recovered.
        double mid = 0.5 * (x[0] + x[x.length - 1]);
        assertEquals(poly(c, mid, 2), s.derivative(2, mid), 0.05 * Math.abs(poly(c, mid, 2)) + 0.05);
    }

    /** Value, first and second derivatives agree with central differences of the spline itself. */
    @Test
    void derivativesAreConsistentWithFiniteDifferences() {
        double[] x = irregularKnots(40, 3);
        double[] y = new double[x.length];
        Random rnd = new Random(5);
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(3 * x[i]) + 0.01 * rnd.nextGaussian();
        }
        GcvSpline s = GcvSpline.fit(5, x, y, GcvSpline.Criterion.GCV, 0);
        double h = 1e-5;
        for (double t = x[0] + 0.01; t < x[x.length - 1] - 0.01; t += 0.0371) {
            double d1 = (s.value(t + h) - s.value(t - h)) / (2 * h);
            double d2 = (s.derivative(1, t + h) - s.derivative(1, t - h)) / (2 * h);
            assertEquals(d1, s.derivative(1, t), 1e-6 * (1 + Math.abs(d1)));
            assertEquals(d2, s.derivative(2, t), 1e-5 * (1 + Math.abs(d2)));
        }
        double[] t = {x[2], 0.5 * (x[5] + x[6]), x[x.length - 1]};
        double[] v = new double[3];
        double[] v1 = new double[3];
        double[] v2 = new double[3];
        s.evaluate012(t, v, v1, v2);
        for (int i = 0; i < 3; i++) {
            assertEquals(s.value(t[i]), v[i], 0.0);
            assertEquals(s.derivative(1, t[i]), v1[i], 0.0);
            assertEquals(s.derivative(2, t[i]), v2[i], 0.0);
        }
    }

    /** GCV smoothing of noisy samples recovers the function and its derivatives far better than the noise. */
    @Test
    void gcvSmoothingRecoversKnownFunction() {
        int n = 201;
        double[] x = new double[n];
        double[] y = new double[n];
        double sigma = 0.05;
        Random rnd = new Random(11);
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.01;
            y[i] = Math.sin(2 * Math.PI * 0.5 * x[i]) + sigma * rnd.nextGaussian();
        }
        GcvSpline s = GcvSpline.fit(5, x, y, GcvSpline.Criterion.GCV, 0);
        assertTrue(s.smoothingParameter() > 0);
        double errData = 0;
        double errFit = 0;
        double errD1 = 0;
        double w = 2 * Math.PI * 0.5;
        int cnt = 0;
        for (int i = 20; i < n - 20; i++) {
            double truth = Math.sin(w * x[i]);
            errData += Math.pow(y[i] - truth, 2);
            errFit += Math.pow(s.value(x[i]) - truth, 2);
            errD1 += Math.pow(s.derivative(1, x[i]) - w * Math.cos(w * x[i]), 2);
            cnt++;
        }
        errData = Math.sqrt(errData / cnt);
        errFit = Math.sqrt(errFit / cnt);
        errD1 = Math.sqrt(errD1 / cnt);
        assertTrue(errFit < 0.4 * errData, "fit rms " + errFit + " vs noise rms " + errData);
        assertTrue(errD1 < 0.1 * w, "first derivative rms error " + errD1);
        // The mean squared residual estimates the noise variance.
        assertEquals(sigma * sigma, s.meanSquaredResidual(), 0.4 * sigma * sigma);
        // The chosen p minimises GCV: neighbours on either side are worse.
        double p = s.smoothingParameter();
        for (double f : new double[] {0.5, 2.0}) {
            GcvSpline other = GcvSpline.fit(5, x, y, GcvSpline.Criterion.SMOOTHING_PARAMETER, p * f);
            assertTrue(other.gcv() >= s.gcv() * (1 - 1e-9), "p*" + f);
        }
    }

    /** Residual degrees of freedom equal n - trace(A), with A assembled column by column from unit data. */
    @Test
    void residualDegreesOfFreedomIsTraceOfInfluenceComplement() {
        int n = 30;
        double[] x = irregularKnots(n, 13);
        for (int m = 1; m <= 3; m++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = Math.cos(4 * x[i]);
            }
            // A smoothing parameter that leaves about 10 residual degrees of freedom at this half order.
            double p = GcvSpline.fit(2 * m - 1, x, y, GcvSpline.Criterion.DEGREES_OF_FREEDOM, 10)
                    .smoothingParameter();
            GcvSpline s = GcvSpline.fit(2 * m - 1, x, y, GcvSpline.Criterion.SMOOTHING_PARAMETER, p);
            double trace = 0;
            for (int j = 0; j < n; j++) {
                double[] e = new double[n];
                e[j] = 1;
                trace += GcvSpline.fit(2 * m - 1, x, e, GcvSpline.Criterion.SMOOTHING_PARAMETER, p).value(x[j]);
            }
            assertEquals(n - trace, s.residualDegreesOfFreedom(), 1e-8 * n, "m=" + m);
            assertTrue(s.residualDegreesOfFreedom() > 0.5 && s.residualDegreesOfFreedom() < n - m,
                    "m=" + m + " dof=" + s.residualDegreesOfFreedom());
        }
    }

    @Test
    void degreesOfFreedomCriterionHitsTarget() {
        double[] x = irregularKnots(50, 17);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(x[i]) * Math.sin(5 * x[i]);
        }
        GcvSpline s = GcvSpline.fit(3, x, y, GcvSpline.Criterion.DEGREES_OF_FREEDOM, 20.0);
        assertEquals(20.0, s.residualDegreesOfFreedom(), 20.0 * 1e-4);
    }

    @Test
    void rejectsBadInput() {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = {0, 1, 0, 1, 0, 1};
        assertThrows(IllegalArgumentException.class, () -> GcvSpline.fitOpenSim(4, x, y));
        assertThrows(IllegalArgumentException.class, () -> GcvSpline.fitOpenSim(7, x, y));
        assertThrows(IllegalArgumentException.class, () -> GcvSpline.fitOpenSim(5, x, new double[5]));
        assertThrows(IllegalArgumentException.class,
                () -> GcvSpline.fitOpenSim(5, new double[] {0, 1, 1, 3, 4, 5}, y));
        assertThrows(IllegalArgumentException.class,
                () -> GcvSpline.fitOpenSim(5, x, new double[] {0, 1, Double.NaN, 1, 0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> GcvSpline.fit(5, x, y, GcvSpline.Criterion.SMOOTHING_PARAMETER, -1));
        assertThrows(IllegalArgumentException.class,
                () -> GcvSpline.fit(5, x, y, GcvSpline.Criterion.DEGREES_OF_FREEDOM, 4));
        GcvSpline s = GcvSpline.fitOpenSim(5, x, y);
        assertThrows(IllegalArgumentException.class, () -> s.derivative(-1, 0.5));
        assertEquals(0.0, s.derivative(6, 2.5));
    }

    /**
     * Independent natural interpolating spline of degree 2m-1: {@code s(t) = sum_{k<m} a_k t^k +
     * sum_i d_i (t - x_i)_+^{2m-1}} with {@code sum_i d_i x_i^k = 0, k < m}, solved as a dense system.
     */
    static final class NaturalSpline {
        final int m;
        final double[] x;
        final double[] a;
        final double[] d;

        NaturalSpline(int m, double[] x, double[] y) {
            this.m = m;
            this.x = x;
            int n = x.length;
            int size = n + m;
            double[][] A = new double[size][size];
            double[] rhs = new double[size];
            int deg = 2 * m - 1;
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < m; k++) {
                    A[r][k] = Math.pow(x[r], k);
                }
                for (int i = 0; i < n; i++) {
                    A[r][m + i] = x[r] > x[i] ? Math.pow(x[r] - x[i], deg) : 0.0;
                }
                rhs[r] = y[r];
            }
            for (int k = 0; k < m; k++) {
                for (int i = 0; i < n; i++) {
                    A[n + k][m + i] = Math.pow(x[i], k);
                }
            }
            double[] sol = solve(A, rhs);
            a = java.util.Arrays.copyOf(sol, m);
            d = java.util.Arrays.copyOfRange(sol, m, size);
        }

        double derivative(int order, double t) {
            double s = 0;
            for (int k = order; k < m; k++) {
                s += a[k] * falling(k, order) * Math.pow(t, k - order);
            }
            int deg = 2 * m - 1;
            for (int i = 0; i < x.length; i++) {
                if (t > x[i]) {
                    s += d[i] * falling(deg, order) * Math.pow(t - x[i], deg - order);
                }
            }
            return s;
        }

        private static double falling(int k, int order) {
            double f = 1;
            for (int j = 0; j < order; j++) {
                f *= k - j;
            }
            return f;
        }

        private static double[] solve(double[][] A, double[] b) {
            int n = b.length;
            for (int c = 0; c < n; c++) {
                int piv = c;
                for (int r = c + 1; r < n; r++) {
                    if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) {
                        piv = r;
                    }
                }
                double[] tmp = A[c];
                A[c] = A[piv];
                A[piv] = tmp;
                double tb = b[c];
                b[c] = b[piv];
                b[piv] = tb;
                for (int r = c + 1; r < n; r++) {
                    double f = A[r][c] / A[c][c];
                    for (int k = c; k < n; k++) {
                        A[r][k] -= f * A[c][k];
                    }
                    b[r] -= f * b[c];
                }
            }
            double[] xs = new double[n];
            for (int r = n - 1; r >= 0; r--) {
                double s = b[r];
                for (int k = r + 1; k < n; k++) {
                    s -= A[r][k] * xs[k];
                }
                xs[r] = s / A[r][r];
            }
            return xs;
        }
    }
}
