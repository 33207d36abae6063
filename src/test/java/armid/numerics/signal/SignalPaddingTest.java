package armid.numerics.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SignalPaddingTest {

    @Test
    void reflectsThroughEndPoints() {
        double[] s = {1, 2, 4, 8};
        // Prefix 2*1-4, 2*1-2; suffix 2*8-4, 2*8-2.
        assertArrayEquals(new double[] {-2, 0, 1, 2, 4, 8, 12, 14}, SignalPadding.pad(s, 2), 0.0);
        assertArrayEquals(new double[] {-6, -2, 0, 1, 2, 4, 8, 12, 14, 15}, SignalPadding.pad(s, 3), 0.0);
        assertArrayEquals(s, SignalPadding.pad(s, 0), 0.0);
    }

    @Test
    void keepsUniformTimeUniform() {
        double[] t = new double[11];
        for (int i = 0; i < t.length; i++) {
            t[i] = 0.25 + 0.1 * i;
        }
        double[] p = SignalPadding.pad(t, SignalPadding.inverseDynamicsPadSize(t.length));
        assertEquals(21, p.length);
        for (int i = 0; i < p.length; i++) {
            assertEquals(0.25 + 0.1 * (i - 5), p[i], 1e-12);
        }
    }

    @Test
    void rejectsPadThatWouldReadPastTheSignal() {
        assertThrows(IllegalArgumentException.class, () -> SignalPadding.pad(new double[] {1, 2, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> SignalPadding.pad(new double[] {1, 2, 3}, -1));
    }
}
