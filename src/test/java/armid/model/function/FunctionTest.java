package armid.model.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Coordinate functions against hand-derived values. */
class FunctionTest {
    @Test
    void simmSplineReproducesACubicExactly() {
        // SIMM's end conditions take the end third derivatives from the cubic through the four end points, so data
        // sampled from any cubic polynomial is reproduced exactly, with its derivatives.
        double[] x = {-1.0, -0.3, 0.2, 0.9, 1.4, 2.0};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = cubic(x[i]);
        }
        SimmSpline s = new SimmSpline(x, y);
        for (double v = -1.0; v <= 2.0; v += 0.013) {
            assertEquals(cubic(v), s.value(v), 1e-12, "value at " + v);
            assertEquals(3 * 0.5 * v * v - 2 * 1.2 * v + 0.7, s.derivative(v), 1e-11, "slope at " + v);
            assertEquals(6 * 0.5 * v - 2 * 1.2, s.secondDerivative(v), 1e-10, "curvature at " + v);
        }
        assertFalse(s.isAffine());
    }

    private static double cubic(double v) {
        return 0.5 * v * v * v - 1.2 * v * v + 0.7 * v - 0.3;
    }

    @Test
    void simmSplineExtrapolatesLinearlyWithTheEndSlopes() {
        double[] x = {0, 1, 2, 3};
        double[] y = {0, 1, 8, 27}; // v³
        SimmSpline s = new SimmSpline(x, y);
        // Reproduces v³ inside, so the end slopes are 0 and 27.
        assertEquals(0 + (-0.5) * 0.0, s.value(-0.5), 1e-12);
        assertEquals(27 + 0.5 * 27, s.value(3.5), 1e-10);
        assertEquals(27, s.derivative(4), 1e-10);
        assertEquals(0, s.secondDerivative(4));
        assertEquals(0, s.secondDerivative(-1));
    }

    @Test
    void twoPointSimmSplineIsTheLineThroughThem() {
        // As MoBL-ARMS' couplers: SimmSpline x = 0 2.61799, y = 0 -0.633555.
        SimmSpline s = new SimmSpline(new double[] {0, 2.61799}, new double[] {0, -0.633555});
        double slope = -0.633555 / 2.61799;
        for (double v : new double[] {-1, 0, 0.5, 2.61799, 3.5}) {
            assertEquals(slope * v, s.value(v), 1e-15);
            assertEquals(slope, s.derivative(v), 1e-15);
            assertEquals(0, s.secondDerivative(v));
        }
        assertTrue(s.isAffine());
    }

    @Test
    void threePointSplineOnALineIsAffine() {
        SimmSpline s = new SimmSpline(new double[] {0, 1, 3}, new double[] {1, 3, 7});
        assertTrue(s.isAffine());
        assertEquals(2 * 2.2 + 1, s.value(2.2), 1e-14);
    }

    @Test
    void piecewiseLinearInterpolatesAndExtrapolates() {
        PiecewiseLinearFunction f = new PiecewiseLinearFunction(new double[] {0, 1, 3}, new double[] {0, 2, 3});
        assertEquals(1.0, f.value(0.5), 1e-15);
        assertEquals(2.5, f.value(2.0), 1e-15);
        assertEquals(-2.0, f.value(-1.0), 1e-15); // slope 2 before the first point
        assertEquals(3.5, f.value(4.0), 1e-15); // slope 0.5 after the last
        assertEquals(2.0, f.derivative(0.5));
        assertEquals(0.5, f.derivative(2.0));
        assertEquals(0.5, f.derivative(10));
        assertFalse(f.isAffine());
    }

    @Test
    void multiplierScalesValueAndDerivatives() {
        MultiplierFunction f = new MultiplierFunction(new LinearFunction(2, 1), -0.5);
        assertEquals(-0.5 * (2 * 3 + 1), f.value(3), 1e-15);
        assertEquals(-1.0, f.derivative(3), 1e-15);
        assertTrue(f.isAffine());
    }

    @Test
    void abscissaeMustIncrease() {
        assertThrows(IllegalArgumentException.class, () -> new SimmSpline(new double[] {0, 0}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseLinearFunction(new double[] {0, 1}, new double[] {1}));
    }
}
