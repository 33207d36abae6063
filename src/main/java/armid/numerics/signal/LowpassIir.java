package armid.numerics.signal;

/**
 * Zero-phase low-pass filter exactly as OpenSim's {@code Signal::LowpassIIR} (OpenSim/Common/Signal.cpp), which
 * {@code Storage::lowpassIIR} applies to every column and the InverseDynamicsTool applies to coordinates.
 *
 * <p>Design: third-order Butterworth prototype {@code 1/((s+1)(s^2+s+1))} mapped by the bilinear transform with
 * frequency pre-warping {@code w = tan(pi fc T)}; the digital filter is
 * {@code H(z) = w^3 (1 + z^-1)^3 / [(1+w)(1+w+w^2) + b1 z^-1 + b2 z^-2 + b3 z^-3]} (normalised so that
 * {@code b0 = 1}). Its magnitude is {@code |H| = 1/sqrt(1 + (tan(pi f T)/tan(pi fc T))^6)} and its DC gain is 1.
 *
 * <p>Application (OpenSim's choices, kept exactly): one causal pass, reversal, a second causal pass, reversal
 * (so the overall response is {@code |H|^2}, zero phase, -6 dB at {@code fc}). Each pass starts by copying the
 * first four input samples to the output and runs the recursion from sample index 3 on, so the first three
 * outputs of a pass equal its inputs. A cutoff at or above half the sampling rate is replaced by
 * {@code 0.49 fs}, as OpenSim does (it warns).
 */
public final class LowpassIir {

    private LowpassIir() {
    }

    /** Filter coefficients: numerator {@code a[0..3]} and denominator {@code b[0..3]} with {@code b[0] = 1}. */
    public record Coefficients(double[] a, double[] b, double cutoffHz) {
    }

    /** The cutoff actually used for sampling interval {@code dt}: {@code fc}, or {@code 0.49/dt} if {@code fc >= 0.5/dt}. */
    public static double effectiveCutoff(double dt, double cutoffHz) {
        double fs = 1 / dt;
        return cutoffHz >= 0.5 * fs ? 0.49 * fs : cutoffHz;
    }

    public static Coefficients coefficients(double dt, double cutoffHz) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("sampling interval must be positive and finite, got " + dt);
        }
        if (!(cutoffHz >= 0) || !Double.isFinite(cutoffHz)) {
            throw new IllegalArgumentException("cutoff frequency must be non-negative and finite, got " + cutoffHz);
        }
        double fc = effectiveCutoff(dt, cutoffHz);
        double wc = 2 * Math.PI * fc;
        double w = Math.tan(wc * dt / 2.0);
        double w2 = w * w;
        double w3 = w * w * w;
        double den = (w + 1) * (w * w + w + 1.0);
        double[] a = {w3 / den, 3 * w3 / den, 3 * w3 / den, w3 / den};
        double[] b = {
            1,
            (3 * w3 + 2 * w2 - 2 * w - 3) / den,
            (3 * w3 - 2 * w2 - 2 * w + 3) / den,
            (w - 1) * (w2 - w + 1) / den
        };
        return new Coefficients(a, b, fc);
    }

    /**
     * Filters {@code signal} sampled every {@code dt} seconds; returns a new array. Needs at least 4 samples.
     */
    public static double[] filter(double dt, double cutoffHz, double[] signal) {
        int n = signal.length;
        if (n < 4) {
            throw new IllegalArgumentException("low-pass IIR filter needs at least 4 samples, got " + n);
        }
        Coefficients k = coefficients(dt, cutoffHz);
        double[] forward = new double[n];
        causalPass(k, signal, forward);
        double[] reversed = reverse(forward);
        double[] backward = new double[n];
        causalPass(k, reversed, backward);
        return reverse(backward);
    }

    private static void causalPass(Coefficients k, double[] in, double[] out) {
        double a0 = k.a[0], a1 = k.a[1], a2 = k.a[2], a3 = k.a[3];
        double b1 = k.b[1], b2 = k.b[2], b3 = k.b[3];
        System.arraycopy(in, 0, out, 0, 4);
        for (int i = 3; i < in.length; i++) {
            out[i] = a0 * in[i] + a1 * in[i - 1] + a2 * in[i - 2] + a3 * in[i - 3]
                    - b1 * out[i - 1] - b2 * out[i - 2] - b3 * out[i - 3];
        }
    }

    private static double[] reverse(double[] v) {
        int n = v.length;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = v[n - 1 - i];
        }
        return r;
    }
}
