package armid.numerics.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LowpassIirTest {

    /** |H(e^{i w T})| of one causal pass, evaluated from the coefficients. */
    private static double gainFromCoefficients(LowpassIir.Coefficients k, double f, double dt) {
        double w = 2 * Math.PI * f * dt;
        double nr = 0, ni = 0, dr = 0, di = 0;
        for (int j = 0; j < 4; j++) {
            nr += k.a()[j] * Math.cos(-j * w);
            ni += k.a()[j] * Math.sin(-j * w);
            dr += k.b()[j] * Math.cos(-j * w);
            di += k.b()[j] * Math.sin(-j * w);
        }
        return Math.hypot(nr, ni) / Math.hypot(dr, di);
    }

    /** Closed form of the bilinear third-order Butterworth design. */
    private static double butterworthGain(double f, double fc, double dt) {
        double r = Math.tan(Math.PI * f * dt) / Math.tan(Math.PI * fc * dt);
        return 1 / Math.sqrt(1 + Math.pow(r, 6));
    }

    @Test
    void coefficientsMatchClosedFormFrequencyResponse() {
        double dt = 1.0 / 120;
        for (double fc : new double[] {1, 6, 20, 45}) {
            LowpassIir.Coefficients k = LowpassIir.coefficients(dt, fc);
            assertEquals(1.0, k.b()[0]);
            double sa = 0, sb = 0;
            for (int j = 0; j < 4; j++) {
                sa += k.a()[j];
                sb += k.b()[j];
            }
            // Sums cancel for low cutoffs: relative rounding about 1e-16 / w^3.
            assertEquals(1.0, sa / sb, 1e-9, "DC gain fc=" + fc);
            assertEquals(Math.sqrt(0.5), gainFromCoefficients(k, fc, dt), 1e-9, "gain at cutoff");
            for (double f = 0.05; f < 60; f += 0.37) {
                assertEquals(butterworthGain(f, fc, dt), gainFromCoefficients(k, f, dt), 1e-9, "f=" + f);
            }
            // Zero at Nyquist: numerator (1 + z^-1)^3.
            assertEquals(0.0, gainFromCoefficients(k, 60, dt), 1e-12);
        }
    }

    @Test
    void forwardBackwardFilterAttenuatesSinusoidsByGainSquaredWithoutPhaseShift() {
        double dt = 1.0 / 200;
        double fc = 8;
        int n = 4000;
        for (double f : new double[] {2, 8, 15}) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = Math.sin(2 * Math.PI * f * i * dt) + 0.5;
            }
            double[] out = LowpassIir.filter(dt, fc, s);
            double g2 = Math.pow(butterworthGain(f, fc, dt), 2);
            for (int i = n / 3; i < 2 * n / 3; i++) {
                double expected = g2 * Math.sin(2 * Math.PI * f * i * dt) + 0.5;
                assertEquals(expected, out[i], 1e-9, "f=" + f + " i=" + i);
            }
        }
    }

    @Test
    void constantsPassUnchangedAndFirstSamplesOfAPassAreCopied() {
        double[] c = new double[50];
        java.util.Arrays.fill(c, 3.25);
        double[] out = LowpassIir.filter(0.01, 5, c);
        for (double v : out) {
            assertEquals(3.25, v, 1e-12);
        }
        // An impulse beyond the first four samples: the last three output samples come from the forward
        // pass only (the backward pass copies its first three inputs), so they are the causal response.
        double dt = 0.01;
        int n = 30;
        double[] imp = new double[n];
        imp[20] = 1;
        double[] fwd = new double[n];
        LowpassIir.Coefficients k = LowpassIir.coefficients(dt, 5);
        for (int i = 20; i < n; i++) {
            double acc = 0;
            for (int j = 0; j < 4; j++) {
                acc += i - j == 20 ? k.a()[j] : 0;
            }
            for (int j = 1; j < 4; j++) {
                acc -= k.b()[j] * fwd[i - j];
            }
            fwd[i] = acc;
        }
        double[] filtered = LowpassIir.filter(dt, 5, imp);
        for (int i = n - 3; i < n; i++) {
            assertEquals(fwd[i], filtered[i], 1e-15);
        }
    }

    @Test
    void cutoffAtOrAboveNyquistIsClampedLikeOpenSim() {
        assertEquals(0.49 * 100, LowpassIir.coefficients(0.01, 50).cutoffHz(), 1e-12);
        assertEquals(0.49 * 100, LowpassIir.coefficients(0.01, 80).cutoffHz(), 1e-12);
        assertEquals(30.0, LowpassIir.coefficients(0.01, 30).cutoffHz());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> LowpassIir.filter(0.01, 5, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> LowpassIir.coefficients(0, 5));
        assertThrows(IllegalArgumentException.class, () -> LowpassIir.coefficients(0.01, -1));
        assertThrows(IllegalArgumentException.class, () -> LowpassIir.coefficients(0.01, Double.NaN));
    }
}
