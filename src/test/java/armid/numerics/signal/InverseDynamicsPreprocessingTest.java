package armid.numerics.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InverseDynamicsPreprocessingTest {

    @Test
    void withoutFilterQuadraticsAreDifferentiatedExactlyAndOnlyFlaggedColumnsConverted() {
        int n = 40;
        double[] t = new double[n];
        double[][] cols = new double[2][n];
        for (int i = 0; i < n; i++) {
            t[i] = 0.1 + 0.01 * i + 0.002 * Math.sin(i); // non-uniform: no resampling without a filter
            cols[0][i] = 30 + 12 * t[i] - 50 * t[i] * t[i]; // degrees
            cols[1][i] = 0.2 - 0.3 * t[i] * t[i]; // metres
        }
        var r = InverseDynamicsPreprocessing.process(t, cols, new boolean[] {true, false}, -1,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertArrayEquals(t, r.time(), 0.0);
        double k = Math.PI / 180;
        for (int i = 0; i < n; i++) {
            double ti = t[i];
            assertEquals(k * (30 + 12 * ti - 50 * ti * ti), r.q()[0][i], 1e-12);
            assertEquals(k * (12 - 100 * ti), r.qDot()[0][i], 1e-8);
            assertEquals(k * -100, r.qDDot()[0][i], 1e-6);
            assertEquals(0.2 - 0.3 * ti * ti, r.q()[1][i], 1e-12);
            assertEquals(-0.6 * ti, r.qDot()[1][i], 1e-9);
            assertEquals(-0.6, r.qDDot()[1][i], 1e-7);
        }
    }

    @Test
    void timeRangeSelectsRowsLikeStorageFindIndex() {
        double[] t = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
        double[][] cols = {{1, 2, 3, 4, 5, 6, 7, 8}};
        var r = InverseDynamicsPreprocessing.process(t, cols, new boolean[] {false}, -1, 0.15, 0.55);
        // start -> last row with time <= 0.15 (0.1); end -> last row with time <= 0.55 (0.5)
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, r.time(), 0.0);
        r = InverseDynamicsPreprocessing.process(t, cols, new boolean[] {false}, -1, -5, 0.3);
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0.3}, r.time(), 0.0);
        assertEquals(0, InverseDynamicsPreprocessing.findIndex(t, -1));
        assertEquals(7, InverseDynamicsPreprocessing.findIndex(t, 9));
        assertEquals(3, InverseDynamicsPreprocessing.findIndex(t, 0.3));
    }

    @Test
    void filteredSinusoidGivesAttenuatedValueAndAnalyticDerivatives() {
        double dt = 1.0 / 128; // exactly representable: uniform, no resampling
        int n = 257;
        double f = 1.0;
        double fc = 6.0;
        double[] t = new double[n];
        double[][] cols = new double[1][n];
        for (int i = 0; i < n; i++) {
            t[i] = i * dt;
            cols[0][i] = 40 * Math.sin(2 * Math.PI * f * t[i]);
        }
        var grid = InverseDynamicsPreprocessing.padAndFilter(t, cols, fc);
        assertEquals(n + 2 * (n / 2), grid.time().length, "padded, not resampled");
        assertEquals(dt, grid.samplingInterval());
        var r = InverseDynamicsPreprocessing.process(t, cols, new boolean[] {true}, fc, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        assertEquals(grid.time().length, r.time().length, "default range keeps the padded rows");
        assertEquals(-(n / 2) * dt, r.time()[0], 1e-12);
        double tan = Math.tan(Math.PI * f * dt) / Math.tan(Math.PI * fc * dt);
        double g2 = 1 / (1 + Math.pow(tan, 6));
        double w = 2 * Math.PI * f;
        double a = 40 * Math.PI / 180 * g2;
        for (int i = 0; i < r.time().length; i++) {
            double ti = r.time()[i];
            if (ti < 0.5 || ti > 1.5) {
                continue; // ends of the sine are distorted by the reflection padding
            }
            assertEquals(a * Math.sin(w * ti), r.q()[0][i], 2e-4 * a);
            assertEquals(a * w * Math.cos(w * ti), r.qDot()[0][i], 2e-3 * a * w);
            assertEquals(-a * w * w * Math.sin(w * ti), r.qDDot()[0][i], 1e-2 * a * w * w);
        }
    }

    @Test
    void roundedTimesTriggerResamplingAtTheSmallestStep() {
        int n = 21;
        double[] t = new double[n];
        double[][] cols = new double[1][n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.round(i / 30.0 * 1e6) / 1e6; // rounded like a text file: steps 0.033333 or 0.033334
            cols[0][i] = Math.cos(t[i]);
        }
        var g = InverseDynamicsPreprocessing.padAndFilter(t, cols, 4);
        double[] padded = SignalPadding.pad(t, n / 2);
        double dtMin = Double.POSITIVE_INFINITY;
        for (int i = 1; i < padded.length; i++) {
            dtMin = Math.min(dtMin, padded[i] - padded[i - 1]);
        }
        assertEquals(dtMin, g.samplingInterval(), 0.0);
        double x = padded[0];
        for (int i = 0; i < g.time().length; i++) {
            assertEquals(x, g.time()[i], 0.0, "accumulated grid, row " + i);
            x += dtMin;
        }
        assertTrue(g.time()[g.time().length - 1] <= padded[padded.length - 1]);
        assertTrue(x > padded[padded.length - 1]);
    }

    @Test
    void rejectsBadInput() {
        double[] t = {0, 0.1, 0.1, 0.3, 0.4, 0.5, 0.6};
        double[][] c = {{1, 2, 3, 4, 5, 6, 7}};
        assertThrows(IllegalArgumentException.class,
                () -> InverseDynamicsPreprocessing.process(t, c, new boolean[] {false}, -1, 0, 1));
        double[] t2 = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        assertThrows(IllegalArgumentException.class,
                () -> InverseDynamicsPreprocessing.process(t2, c, new boolean[0], -1, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> InverseDynamicsPreprocessing.process(t2, c, new boolean[] {false}, -1, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> InverseDynamicsPreprocessing.process(t2, new double[][] {{1, 2}}, new boolean[] {false}, -1, 0,
                        1));
        assertThrows(IllegalArgumentException.class, () -> InverseDynamicsPreprocessing.process(t2, c,
                new boolean[] {false}, -1, 0, 1, new double[] {0}, null));
        assertThrows(IllegalArgumentException.class, () -> InverseDynamicsPreprocessing.process(t2, c,
                new boolean[] {false}, -1, 0, 1, new double[] {2}, new double[] {1}));
    }

    @Test
    void clampingBoundsValuesBeforeTheSplines() {
        double[] t = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
        double[][] c = {{-2, -1, 0, 1, 2, 3, 4, 5}, {-2, -1, 0, 1, 2, 3, 4, 5}};
        var r = InverseDynamicsPreprocessing.process(t, c, new boolean[] {false, false}, -1, 0, 1,
                new double[] {-0.5, Double.NEGATIVE_INFINITY}, new double[] {3.5, Double.POSITIVE_INFINITY});
        assertArrayEquals(new double[] {-0.5, -0.5, 0, 1, 2, 3, 3.5, 3.5}, r.q()[0], 1e-12);
        assertArrayEquals(c[1], r.q()[1], 1e-12);
    }
}
