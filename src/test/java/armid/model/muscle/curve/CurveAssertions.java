package armid.model.muscle.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks shared by the curve tests: OpenSim's invariants for smooth segmented curves. */
final class CurveAssertions {

    private CurveAssertions() {
    }

    /**
     * First derivative against a central difference of the value, second derivative
     * against a central difference of the first derivative, at n points of [a, b].
     * With step h the truncation error is h²/6 |f'''|, so the tolerance is relative
     * to the curve's scale.
     */
    static void assertDerivativesMatchFiniteDifferences(NormalizedCurve c, double a, double b, int n,
                                                        double relTol) {
        double h = 1e-6 * (b - a);
        double maxD1 = 0;
        double maxD2 = 0;
        for (int i = 0; i < n; i++) {
            maxD1 = Math.max(maxD1, Math.abs(c.derivative(a + (b - a) * i / (n - 1.0))));
            maxD2 = Math.max(maxD2, Math.abs(c.secondDerivative(a + (b - a) * i / (n - 1.0))));
        }
        for (int i = 0; i < n; i++) {
            // offset so that no sample falls on a joint, where the third derivative jumps
            // and the central difference of the slope is only first-order accurate
            // (joints are checked by assertC2AtJoints)
            double x = a + (b - a) * (i + 0.318309886) / n;
            double fd1 = (c.value(x + h) - c.value(x - h)) / (2 * h);
            double fd2 = (c.derivative(x + h) - c.derivative(x - h)) / (2 * h);
            assertEquals(fd1, c.derivative(x), relTol * Math.max(1.0, maxD1), "dy/dx at x = " + x);
            assertEquals(fd2, c.secondDerivative(x), relTol * Math.max(1.0, maxD2), "d2y/dx2 at x = " + x);
        }
    }

    /**
     * C2 at every joint between Bézier segments: value, slope and curvature
     * extrapolated to the joint from samples on its left (quadratically, from three
     * points d, 2d, 3d away) agree with the same extrapolation from its right and with
     * the value at the joint; OpenSim's corners have zero curvature at their ends.
     * A jump would show at full size, independent of d; smooth change contributes
     * O((d / w)³) = 1e-18 relative to the curve's scale, w the width of the shorter
     * neighbouring segment.
     */
    static void assertC2AtJoints(SegmentedQuinticBezierCurve c) {
        double[] scale = new double[3];
        double[] tmp = new double[3];
        for (int i = 0; i <= 1000; i++) {
            c.evaluate(c.minX() + (c.maxX() - c.minX()) * i / 1000.0, tmp);
            for (int k = 0; k < 3; k++) {
                scale[k] = Math.max(scale[k], Math.abs(tmp[k]));
            }
        }
        for (int s = 1; s < c.segmentCount(); s++) {
            double xk = c.controlPointsX(s)[0];
            double w = Math.min(xk - c.controlPointsX(s - 1)[0], c.controlPointsX(s)[5] - xk);
            double d = 1e-6 * w;
            double[] at = new double[3];
            c.evaluate(xk, at);
            double[] left = extrapolate(c, xk, -d);
            double[] right = extrapolate(c, xk, d);
            for (int k = 0; k < 3; k++) {
                double tol = 1e-7 * Math.max(1, scale[k]);
                assertEquals(at[k], left[k], tol, "derivative " + k + " from the left of joint " + s);
                assertEquals(at[k], right[k], tol, "derivative " + k + " from the right of joint " + s);
            }
            assertEquals(0.0, at[2], 1e-9 * Math.max(1, scale[2]), "d2y/dx2 at joint " + s);
        }
    }

    private static double[] extrapolate(SegmentedQuinticBezierCurve c, double xk, double step) {
        double[] f1 = new double[3];
        double[] f2 = new double[3];
        double[] f3 = new double[3];
        c.evaluate(xk + step, f1);
        c.evaluate(xk + 2 * step, f2);
        c.evaluate(xk + 3 * step, f3);
        double[] e = new double[3];
        for (int k = 0; k < 3; k++) {
            e[k] = 3 * f1[k] - 3 * f2[k] + f3[k];
        }
        return e;
    }

    /** Outside the Bézier domain the curve is the tangent line at the nearer end. */
    static void assertLinearExtrapolation(NormalizedCurve c, double y0, double dydx0, double y1, double dydx1) {
        for (double dx : new double[] {1e-12, 1e-3, 0.1, 2.0}) {
            double xl = c.minX() - dx;
            double xr = c.maxX() + dx;
            assertEquals(y0 - dydx0 * dx, c.value(xl), 1e-13 * (1 + Math.abs(y0) + Math.abs(dydx0)));
            assertEquals(dydx0, c.derivative(xl), 0.0);
            assertEquals(0.0, c.secondDerivative(xl), 0.0);
            assertEquals(y1 + dydx1 * dx, c.value(xr), 1e-13 * (1 + Math.abs(y1) + Math.abs(dydx1)));
            assertEquals(dydx1, c.derivative(xr), 0.0);
            assertEquals(0.0, c.secondDerivative(xr), 0.0);
        }
        // continuity with the Bézier at the ends
        assertEquals(y0, c.value(c.minX()), 1e-14);
        assertEquals(y1, c.value(c.maxX()), 1e-14);
        assertEquals(dydx0, c.derivative(c.minX()), 1e-10 * Math.max(1, Math.abs(dydx0)));
        assertEquals(dydx1, c.derivative(c.maxX()), 1e-10 * Math.max(1, Math.abs(dydx1)));
        assertEquals(0.0, c.secondDerivative(c.minX()), 1e-8);
        assertEquals(0.0, c.secondDerivative(c.maxX()), 1e-8);
    }

    /**
     * The solve for the Bézier parameter is exact to rounding: points (x(u), y(u))
     * computed independently by de Casteljau's algorithm lie on the curve.
     */
    static void assertSolvesParameterToMachinePrecision(SegmentedQuinticBezierCurve c) {
        for (int s = 0; s < c.segmentCount(); s++) {
            double[] px = c.controlPointsX(s);
            double[] py = c.controlPointsY(s);
            for (int i = 0; i <= 200; i++) {
                double u = i / 200.0;
                double x = deCasteljau(px, u);
                double y = deCasteljau(py, u);
                // x and y are themselves rounded: allow the change of y over 8 ulps of x
                // plus 8 ulps of the y scale
                double slope = Math.abs(c.derivative(x));
                assertEquals(y, c.value(x), 8 * Math.ulp(x) * slope + 8 * Math.ulp(Math.max(1.0, Math.abs(y))),
                        "segment " + s + ", u = " + u);
            }
        }
    }

    static double deCasteljau(double[] p, double u) {
        double[] b = p.clone();
        for (int r = 1; r < b.length; r++) {
            for (int i = 0; i < b.length - r; i++) {
                b[i] = (1 - u) * b[i] + u * b[i + 1];
            }
        }
        return b[0];
    }

    /** NaN in, NaN out (OpenSim's behaviour). */
    static void assertNaNBehaviour(NormalizedCurve c) {
        assertTrue(Double.isNaN(c.value(Double.NaN)));
        assertTrue(Double.isNaN(c.derivative(Double.NaN)));
        assertTrue(Double.isNaN(c.secondDerivative(Double.NaN)));
    }

    /** Non-decreasing to within 10 machine epsilons, on n samples of [a, b]. */
    static void assertMonotonic(NormalizedCurve c, double a, double b, int n) {
        double prev = c.value(a);
        for (int i = 1; i <= n; i++) {
            double y = c.value(a + (b - a) * i / n);
            assertTrue(y - prev >= -10 * Math.ulp(1.0), "not monotonic near x = " + (a + (b - a) * i / n));
            prev = y;
        }
    }

    /** Trapezoidal integral of c over [a, b] with Richardson extrapolation (error O(h^4)). */
    static double richardsonTrapezoid(NormalizedCurve c, double a, double b, int n) {
        return (4 * trapezoid(c, a, b, 2 * n) - trapezoid(c, a, b, n)) / 3;
    }

    static double trapezoid(NormalizedCurve c, double a, double b, int n) {
        double h = (b - a) / n;
        double s = 0.5 * (c.value(a) + c.value(b));
        for (int i = 1; i < n; i++) {
            s += c.value(a + i * h);
        }
        return s * h;
    }
}
