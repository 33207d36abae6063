package armid.model.muscle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmgFilterTest {

    @Test
    void coefficientsFollowEquation20() {
        var f = new EmgFilter(-0.5, -0.3, 0);
        assertEquals(-0.8, f.beta1(), 1e-15);
        assertEquals(0.15, f.beta2(), 1e-15);
        assertEquals(0.35, f.alpha(), 1e-15); // 1 + beta1 + beta2 = (1 + c1)(1 + c2)
    }

    @Test
    void unitGainAtDc() {
        var f = new EmgFilter(-0.7, 0.4, 3.6);
        double[] e = new double[50];
        Arrays.fill(e, 0.37);
        double[] u = new double[50];
        f.apply(e, u); // at rest at the first sample: a constant passes unchanged
        for (double x : u) {
            assertEquals(0.37, x, 1e-15);
        }
        // from rest at 0, a unit step settles at exactly 1
        double[] step = new double[400];
        Arrays.fill(step, 1.0);
        double[] out = new double[400];
        f.apply(step, 0.0, out);
        assertEquals(1.0, out[399], 1e-12);
    }

    /** The step response, worked by hand from eq. 19 with c1 = -0.5, c2 = -0.3, no delay. */
    @Test
    void stepResponseByHand() {
        var f = new EmgFilter(-0.5, -0.3, 0);
        double[] e = {1, 1, 1, 1};
        double[] u = new double[4];
        f.apply(e, 0.0, u);
        // u0 = 0.35
        // u1 = 0.35 + 0.8 * 0.35 = 0.63
        // u2 = 0.35 + 0.8 * 0.63 - 0.15 * 0.35 = 0.8015
        // u3 = 0.35 + 0.8 * 0.8015 - 0.15 * 0.63 = 0.8967
        assertEquals(0.35, u[0], 1e-15);
        assertEquals(0.63, u[1], 1e-15);
        assertEquals(0.8015, u[2], 1e-15);
        assertEquals(0.8967, u[3], 1e-15);
    }

    @Test
    void wholeDelayShiftsTheSignal() {
        var rnd = new Random(3);
        double[] e = rnd.doubles(100).toArray();
        double[] u0 = new double[100];
        double[] u4 = new double[100];
        new EmgFilter(-0.6, -0.2, 0).apply(e, 0.0, u0);
        new EmgFilter(-0.6, -0.2, 4).apply(e, 0.0, u4);
        for (int t = 0; t < 100; t++) {
            assertEquals(t < 4 ? 0.0 : u0[t - 4], u4[t], 1e-15, "t=" + t);
        }
    }

    /** Eq. 21: a delay between samples weighs the two neighbouring samples linearly. */
    @Test
    void fractionalDelayInterpolatesTheNeighbours() {
        var rnd = new Random(5);
        double[] e = rnd.doubles(200).toArray();
        // with c1 = c2 = 0 the filter is the delay alone: u(t) = 0.7 e(t - 2) + 0.3 e(t - 3)
        var pure = new EmgFilter(0, 0, 2.3);
        assertEquals(2, pure.lowerDelay());
        assertEquals(3, pure.upperDelay());
        assertEquals(0.7, pure.gamma(), 1e-15);
        double[] u = new double[200];
        pure.apply(e, 0.0, u);
        for (int t = 3; t < 200; t++) {
            assertEquals(0.7 * e[t - 2] + 0.3 * e[t - 3], u[t], 1e-15, "t=" + t);
        }
        // and through the recursion, by linearity: the same mix of the outputs for delays 2 and 3
        double[] u2 = new double[200];
        double[] u3 = new double[200];
        double[] uf = new double[200];
        new EmgFilter(-0.6, -0.2, 2).apply(e, 0.0, u2);
        new EmgFilter(-0.6, -0.2, 3).apply(e, 0.0, u3);
        new EmgFilter(-0.6, -0.2, 2.3).apply(e, 0.0, uf);
        for (int t = 0; t < 200; t++) {
            assertEquals(0.7 * u2[t] + 0.3 * u3[t], uf[t], 1e-13, "t=" + t);
        }
        // delay in seconds: 23.5 ms at 1 kHz is 23.5 samples
        assertEquals(23.5, EmgFilter.withDelaySeconds(-0.5, -0.5, 0.0235, 0.001).delaySamples(), 1e-12);
    }

    @Test
    void unstableCoefficientsAreRejected() {
        var ex = assertThrows(IllegalArgumentException.class, () -> new EmgFilter(-1.0, 0.2, 0));
        assertTrue(ex.getMessage().contains("|c1| < 1") && ex.getMessage().contains("stability"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EmgFilter(0.2, 1.3, 0));
        assertThrows(IllegalArgumentException.class, () -> new EmgFilter(0.2, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new EmgFilter(0.2, 0.1, -0.5));
        // beta1 = -2.1, beta2 = 1.1: poles 1 and 1.1 (c = -1, -1.1)
        var viaBetas = assertThrows(IllegalArgumentException.class,
                () -> EmgFilter.fromCoefficients(1 - 2.1 + 1.1, -2.1, 1.1, 0));
        assertTrue(viaBetas.getMessage().contains("stability"), viaBetas.getMessage());
        // no unit gain
        var gain = assertThrows(IllegalArgumentException.class, () -> EmgFilter.fromCoefficients(1.0, -0.8, 0.15, 0));
        assertTrue(gain.getMessage().contains("unit gain"), gain.getMessage());
        // complex poles
        assertThrows(IllegalArgumentException.class, () -> EmgFilter.fromCoefficients(1 + 0.2 + 0.5, 0.2, 0.5, 0));
        // and valid coefficients come back as their c
        var ok = EmgFilter.fromCoefficients(0.35, -0.8, 0.15, 1);
        assertEquals(-0.8, ok.c1() + ok.c2(), 1e-15);
        assertEquals(0.15, ok.c1() * ok.c2(), 1e-15);
    }

    @Test
    void impulseResponseDecaysForStableCoefficients() {
        var f = new EmgFilter(0.95, -0.9, 0);
        double[] e = new double[2000];
        e[0] = 1;
        double[] u = new double[2000];
        f.apply(e, 0.0, u);
        assertTrue(Math.abs(u[1999]) < 1e-40);
    }
}
