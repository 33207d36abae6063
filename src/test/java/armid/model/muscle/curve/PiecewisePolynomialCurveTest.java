package armid.model.muscle.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PiecewisePolynomialCurveTest {

    /**
     * y = x² on [0, 1] (t = x), then its tangent line y = 1 + 2 (x - 1) on [1, 2]
     * (t = x - 1: 1 + 2t), then y = 3 + 2 (x - 2) + (x - 2)³ on [2, 4] (t = (x - 2) / 2:
     * 3 + 4t + 8t³). C1 everywhere.
     */
    private static PiecewisePolynomialCurve sample() {
        return new PiecewisePolynomialCurve(new double[] {0, 1, 2, 4},
                new double[][] {{0, 0, 1}, {1, 2}, {3, 4, 0, 8}}, 1e-12);
    }

    @Test
    void evaluatesPiecesInClosedForm() {
        var c = sample();
        assertEquals(3, c.pieceCount());
        assertEquals(2, c.polynomialCount());
        assertEquals(0.25, c.value(0.5), 1e-15);
        assertEquals(1.0, c.derivative(0.5), 1e-15);
        assertEquals(2.0, c.secondDerivative(0.5), 1e-15);
        assertEquals(2.0, c.value(1.5), 1e-15);
        assertEquals(2.0, c.derivative(1.5), 1e-15);
        assertEquals(0.0, c.secondDerivative(1.5), 1e-15);
        double x = 3.3;
        double d = x - 2;
        assertEquals(3 + 2 * d + d * d * d, c.value(x), 1e-14);
        assertEquals(2 + 3 * d * d, c.derivative(x), 1e-14);
        assertEquals(6 * d, c.secondDerivative(x), 1e-13);
        double[] out = new double[2];
        c.valueAndDerivative(x, out);
        assertEquals(c.value(x), out[0], 1e-15);
        assertEquals(c.derivative(x), out[1], 1e-15);
    }

    /** The hinted lookup finds the piece the binary search finds, whatever the hint, breakpoints included. */
    @Test
    void hintedEvaluationIsTheSameForAnyHint() {
        var c = sample();
        double[] xs = {-0.5, 0, 0.3, 1, 1.2, 2, 2.5, 3.999, 4, 4.5, Double.NaN};
        double[] ref = new double[2];
        double[] out = new double[2];
        for (double x : xs) {
            c.valueAndDerivative(x, ref);
            for (int hint = -1; hint <= 4; hint++) {
                int piece = c.valueAndDerivative(x, out, hint);
                assertEquals(ref[0], out[0], 0.0, "x = " + x + ", hint " + hint);
                assertEquals(ref[1], out[1], 0.0, "x = " + x + ", hint " + hint);
                int expected = !(x >= 0 && x <= 4) ? -1 : x < 1 ? 0 : x < 2 ? 1 : 2;
                assertEquals(expected, piece, "x = " + x + ", hint " + hint);
            }
        }
    }

    @Test
    void extendsByEndTangents() {
        var c = sample();
        assertEquals(0.0, c.value(-1), 0.0);
        assertEquals(0.0, c.derivative(-1), 0.0);
        // at x = 4: value 3 + 4 + 8 = 15, slope 2 + 3 * 4 = 14
        assertEquals(15 + 14 * 0.5, c.value(4.5), 1e-13);
        assertEquals(14, c.derivative(4.5), 1e-13);
        assertEquals(0.0, c.secondDerivative(4.5), 0.0);
        assertTrue(Double.isNaN(c.value(Double.NaN)));
        assertTrue(Double.isNaN(c.derivative(Double.NaN)));
    }

    @Test
    void rejectsPiecesThatAreNotC1() {
        // slope 2 at the end of x² does not continue as slope 1
        assertThrows(IllegalArgumentException.class, () -> new PiecewisePolynomialCurve(
                new double[] {0, 1, 2}, new double[][] {{0, 0, 1}, {1, 1}}, 1e-12));
        // value jump
        assertThrows(IllegalArgumentException.class, () -> new PiecewisePolynomialCurve(
                new double[] {0, 1, 2}, new double[][] {{0, 0, 1}, {1.1, 2}}, 1e-12));
        assertThrows(IllegalArgumentException.class, () -> new PiecewisePolynomialCurve(
                new double[] {0, 1, 1}, new double[][] {{0, 0, 1}, {1, 2}}, 1e-12));
    }

    /**
     * One piece of degree 7 (Estrin's scheme) and one of degree 9 (Horner's rule), against the power sums
     * Σ c_k t^k and Σ k c_k t^(k−1) / width computed term by term.
     */
    @Test
    void valueAndSlopeMatchThePowerSums() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int degree : new int[] {7, 9}) {
            double[] c = new double[degree + 1];
            for (int k = 0; k <= degree; k++) {
                c[k] = rnd.nextDouble(-2, 2);
            }
            double a = 0.3, b = 1.7;
            var curve = new PiecewisePolynomialCurve(new double[] {a, b}, new double[][] {c}, 1e-12);
            double[] out = new double[2];
            for (int i = 0; i <= 50; i++) {
                double x = a + (b - a) * i / 50.0;
                double t = (x - a) / (b - a);
                double v = 0, d = 0, scale = 0;
                for (int k = 0; k <= degree; k++) {
                    v += c[k] * Math.pow(t, k);
                    scale += Math.abs(c[k]);
                    if (k > 0) {
                        d += k * c[k] * Math.pow(t, k - 1) / (b - a);
                    }
                }
                curve.valueAndDerivative(x, out);
                assertEquals(v, out[0], 1e-14 * scale, "degree " + degree + ", x = " + x);
                assertEquals(d, out[1], 1e-14 * degree * scale / (b - a), "degree " + degree + ", x = " + x);
                assertEquals(out[0], curve.value(x), 0.0);
                assertEquals(out[1], curve.derivative(x), 0.0);
            }
        }
    }
}
