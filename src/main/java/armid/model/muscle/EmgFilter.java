package armid.model.muscle;

/**
 * EMG-to-excitation dynamics, the paper's eq. 19–21: the second-order recursive filter of Lloyd and Besier (2003)
 * (the paper's ref. [49]) with an electromechanical delay that need not be a whole number of samples,
 *
 * <pre>
 *   u(t) = alpha [gamma e(t - d_l) + (1 - gamma) e(t - d_h)] - beta1 u(t - 1) - beta2 u(t - 2)
 *   d_l = floor(t_d),  d_h = ceil(t_d),  gamma = 1 - t_d + d_l
 *   beta1 = c1 + c2,  beta2 = c1 c2,  alpha = 1 + beta1 + beta2,  |c1| &lt; 1, |c2| &lt; 1
 * </pre>
 *
 * with t and t_d counted in samples. The delayed input is the linear interpolation of the two neighbouring samples
 * (for a whole t_d, gamma = 1 and it is the sample itself).
 *
 * <p>Why the relations: the recursion's transfer function is alpha z^-d / (1 + beta1 z^-1 + beta2 z^-2), whose
 * denominator factors as (1 + c1 z^-1)(1 + c2 z^-1): poles at -c1 and -c2, so |c1|, |c2| &lt; 1 is stability. At
 * z = 1 (constant input) the gain is alpha / (1 + beta1 + beta2), which alpha = 1 + beta1 + beta2 makes 1. (So
 * alpha - beta1 - beta2 = 1 would not give unit gain with the paper's minus signs in eq. 19.) Negative c give
 * positive poles, a smooth low-pass response; positive c give oscillating ones.
 *
 * <p>Before the first sample the input and the output are taken to have rested at a constant level (by default
 * the first input sample), which the unit gain makes a steady state: a constant input passes unchanged from the
 * start. Filtering allocates nothing.
 */
public final class EmgFilter {

    private final double c1;
    private final double c2;
    private final double delay;
    private final double alpha;
    private final double beta1;
    private final double beta2;
    private final int lowerDelay;
    private final int upperDelay;
    private final double gamma;

    /**
     * @param c1           first coefficient, |c1| &lt; 1
     * @param c2           second coefficient, |c2| &lt; 1
     * @param delaySamples electromechanical delay t_d in samples, &gt;= 0 (need not be whole)
     * @throws IllegalArgumentException for an unstable filter or a negative or non-finite delay
     */
    public EmgFilter(double c1, double c2, double delaySamples) {
        if (!(Math.abs(c1) < 1) || !(Math.abs(c2) < 1)) {
            throw new IllegalArgumentException("EMG filter coefficients must satisfy |c1| < 1 and |c2| < 1 for "
                    + "stability (poles at -c1 and -c2), got c1 = " + c1 + ", c2 = " + c2);
        }
        if (!(delaySamples >= 0) || !Double.isFinite(delaySamples)) {
            throw new IllegalArgumentException(
                    "electromechanical delay must be finite and >= 0 samples, got " + delaySamples);
        }
        this.c1 = c1;
        this.c2 = c2;
        this.delay = delaySamples;
        this.beta1 = c1 + c2;
        this.beta2 = c1 * c2;
        this.alpha = 1 + beta1 + beta2;
        this.lowerDelay = (int) Math.floor(delaySamples);
        this.upperDelay = (int) Math.ceil(delaySamples);
        this.gamma = 1 - delaySamples + lowerDelay;
    }

    /**
     * A filter whose delay is given in seconds.
     *
     * @param delaySeconds electromechanical delay (s)
     * @param samplePeriod time between samples (s)
     */
    public static EmgFilter withDelaySeconds(double c1, double c2, double delaySeconds, double samplePeriod) {
        if (!(samplePeriod > 0)) {
            throw new IllegalArgumentException("sample period must be positive, got " + samplePeriod);
        }
        return new EmgFilter(c1, c2, delaySeconds / samplePeriod);
    }

    /**
     * A filter from the recursion's coefficients themselves, checked: unit gain (alpha = 1 + beta1 + beta2 to
     * 1e-12) and both poles, roots of z² + beta1 z + beta2, real and inside the unit circle (real, because eq. 20
     * writes beta1 and beta2 as sum and product of two real numbers).
     */
    public static EmgFilter fromCoefficients(double alpha, double beta1, double beta2, double delaySamples) {
        if (!(Math.abs(alpha - (1 + beta1 + beta2)) <= 1e-12 * Math.max(1, Math.abs(alpha)))) {
            throw new IllegalArgumentException("EMG filter without unit gain: alpha = " + alpha
                    + " but 1 + beta1 + beta2 = " + (1 + beta1 + beta2));
        }
        double disc = beta1 * beta1 - 4 * beta2;
        if (!(disc >= 0)) {
            throw new IllegalArgumentException("EMG filter coefficients beta1 = " + beta1 + ", beta2 = " + beta2
                    + " have complex poles; eq. 20 needs real c1, c2 with beta1 = c1 + c2, beta2 = c1 c2");
        }
        double s = Math.sqrt(disc);
        // c are the negated poles: c = (beta1 +- sqrt(beta1² - 4 beta2)) / 2
        double ca = 0.5 * (beta1 + s);
        double cb = 0.5 * (beta1 - s);
        return new EmgFilter(ca, cb, delaySamples);
    }

    public double c1() {
        return c1;
    }

    public double c2() {
        return c2;
    }

    /** The delay t_d in samples. */
    public double delaySamples() {
        return delay;
    }

    public double alpha() {
        return alpha;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    /** d_l = floor(t_d). */
    public int lowerDelay() {
        return lowerDelay;
    }

    /** d_h = ceil(t_d). */
    public int upperDelay() {
        return upperDelay;
    }

    /** gamma = 1 - t_d + d_l, the weight of e(t - d_l). */
    public double gamma() {
        return gamma;
    }

    /** Filters {@code emg} into {@code excitation}, at rest before the first sample at the first EMG sample. */
    public void apply(double[] emg, double[] excitation) {
        apply(emg, emg.length == 0 ? 0.0 : emg[0], excitation);
    }

    /**
     * Filters {@code emg} into {@code excitation} (same length or longer), input and output having rested at
     * {@code rest} before the first sample.
     */
    public void apply(double[] emg, double rest, double[] excitation) {
        int n = emg.length;
        if (excitation.length < n) {
            throw new IllegalArgumentException(
                    "excitation array holds " + excitation.length + " samples, need " + n);
        }
        double u1 = rest; // u(t - 1)
        double u2 = rest; // u(t - 2)
        for (int t = 0; t < n; t++) {
            int il = t - lowerDelay;
            int ih = t - upperDelay;
            double el = il >= 0 ? emg[il] : rest;
            double eh = ih >= 0 ? emg[ih] : rest;
            double u = alpha * (gamma * el + (1 - gamma) * eh) - beta1 * u1 - beta2 * u2;
            excitation[t] = u;
            u2 = u1;
            u1 = u;
        }
    }
}
