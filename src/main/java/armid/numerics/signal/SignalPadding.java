package armid.numerics.signal;

/**
 * End padding of a signal as OpenSim's {@code Signal::Pad} (OpenSim/Common/Signal.cpp), used by
 * {@code Storage::pad} on the time column and on every data column alike.
 *
 * <p>Each end is extended by point reflection through the end sample: with {@code N} samples {@code s[0..N-1]}
 * and pad size {@code P}, the prefix is {@code 2 s[0] - s[P], ..., 2 s[0] - s[1]} and the suffix is
 * {@code 2 s[N-1] - s[N-2], ..., 2 s[N-1] - s[N-1-P]}. The result has {@code N + 2P} samples; a linear signal
 * (and so a uniform time column) stays linear. The InverseDynamicsTool pads by {@code N/2} (integer division)
 * before filtering and never removes the padding.
 */
public final class SignalPadding {

    private SignalPadding() {
    }

    /** Pad size the InverseDynamicsTool uses for {@code n} rows. */
    public static int inverseDynamicsPadSize(int n) {
        return n / 2;
    }

    public static double[] pad(double[] s, int pad) {
        int n = s.length;
        if (pad < 0) {
            throw new IllegalArgumentException("pad size must be non-negative, got " + pad);
        }
        if (pad == 0) {
            return s.clone();
        }
        if (pad > n - 1) {
            // OpenSim checks pad > n, but reading s[pad] then overruns when pad == n.
            throw new IllegalArgumentException("pad size " + pad + " needs at least " + (pad + 1)
                    + " samples, got " + n);
        }
        double[] out = new double[n + 2 * pad];
        double first = s[0];
        double last = s[n - 1];
        for (int i = 0; i < pad; i++) {
            out[i] = 2.0 * first - s[pad - i];
            out[pad + n + i] = 2.0 * last - s[n - 2 - i];
        }
        System.arraycopy(s, 0, out, pad, n);
        return out;
    }
}
