package armid.simulate;

import armid.model.muscle.EmgFilter;

/**
 * Excitations from EMG through the paper's EMG-to-excitation filter (eq. 19–21), sample by sample: an
 * {@link EmgSource} gives the EMG of sample k + 1 once sample k is recorded (a controller sees the past only), the
 * filter turns it into u_{k+1} with exactly {@link EmgFilter#apply(double[], double[])}'s arithmetic (input and output
 * at rest at e_0 before the first sample, so u_0 = e_0), and u is linear between samples. The recorded EMG is therefore
 * exactly what drove the simulation, and filtering it again reproduces the recorded excitations.
 */
public final class EmgDriver implements Driver {
    /** Produces EMG online. */
    public interface EmgSource {
        /** The EMG at t = 0, into {@code e} (values in [0, 1]). */
        void initial(double[] e);

        /** The EMG of sample k + 1 (time t_{k+1}) given sample k, into {@code e} (values in [0, 1]). */
        void next(int k, double tk, double tk1, ArmPlant.Sample s, double[] e);
    }

    private static final double[] NO_KINKS = new double[0];
    private final EmgSource source;
    private final EmgFilter filter;
    private final int nm;
    private final double[][] emg; // [sample][muscle]
    private final double[][] u; // [sample][muscle]
    private double t0;
    private double t1;
    private int current;

    public EmgDriver(EmgSource source, EmgFilter filter, int muscles, int samples) {
        this.source = source;
        this.filter = filter;
        this.nm = muscles;
        this.emg = new double[samples][muscles];
        this.u = new double[samples][muscles];
    }

    /** The EMG of every sample so far, [sample][muscle]. */
    public double[][] emg() {
        return emg;
    }

    @Override
    public void initialExcitation(double[] out) {
        source.initial(emg[0]);
        check(emg[0], 0);
        System.arraycopy(emg[0], 0, u[0], 0, nm); // at rest: unit gain
        System.arraycopy(u[0], 0, out, 0, nm);
        current = 0;
        t0 = 0;
        t1 = 0;
    }

    @Override
    public double[] emg(int k) {
        return emg[k];
    }

    @Override
    public void prepare(int k, double tk, double tk1, ArmPlant.Sample s) {
        source.next(k, tk, tk1, s, emg[k + 1]);
        check(emg[k + 1], k + 1);
        int t = k + 1;
        double alpha = filter.alpha();
        double gamma = filter.gamma();
        double beta1 = filter.beta1();
        double beta2 = filter.beta2();
        int il = t - filter.lowerDelay();
        int ih = t - filter.upperDelay();
        for (int m = 0; m < nm; m++) {
            double rest = emg[0][m];
            double el = il >= 0 ? emg[il][m] : rest;
            double eh = ih >= 0 ? emg[ih][m] : rest;
            double u1 = t - 1 >= 0 ? u[t - 1][m] : rest;
            double u2 = t - 2 >= 0 ? u[t - 2][m] : rest;
            u[t][m] = alpha * (gamma * el + (1 - gamma) * eh) - beta1 * u1 - beta2 * u2;
        }
        current = k;
        t0 = tk;
        t1 = tk1;
    }

    private void check(double[] e, int k) {
        for (int m = 0; m < nm; m++) {
            if (!(e[m] >= 0 && e[m] <= 1)) {
                throw new IllegalStateException("EMG of muscle " + m + " at sample " + k + " is " + e[m]
                        + ", outside [0, 1]");
            }
        }
    }

    @Override
    public double[] kinks() {
        return NO_KINKS;
    }

    @Override
    public void excitation(double t, double[] out) {
        if (t1 <= t0) {
            System.arraycopy(u[current], 0, out, 0, nm);
            return;
        }
        if (t >= t1) {
            System.arraycopy(u[current + 1], 0, out, 0, nm);
            return;
        }
        double w = (t - t0) / (t1 - t0);
        double[] a = u[current];
        double[] b = u[current + 1];
        for (int m = 0; m < nm; m++) {
            out[m] = a[m] + w * (b[m] - a[m]);
        }
    }
}
