package armid.identify;

/** The paper's evaluation criteria, eq. 22–23, over a set of parameter indices (zero ground truths skipped). */
public final class Metrics {
    private Metrics() {
    }

    /** Cr1 = ‖π̂ − π_gt‖ / ‖π_gt‖ × 100 % over {@code idx} (eq. 22; parameters in their own units, as the paper). */
    public static double cr1(double[] est, double[] gt, int[] idx) {
        double num = 0, den = 0;
        for (int i : idx) {
            num += (est[i] - gt[i]) * (est[i] - gt[i]);
            den += gt[i] * gt[i];
        }
        return 100 * Math.sqrt(num / den);
    }

    /** Cr2 = mean |π̂_i − π_gt,i| / |π_gt,i| × 100 % over {@code idx} with π_gt,i ≠ 0 (eq. 23). */
    public static double cr2(double[] est, double[] gt, int[] idx) {
        double s = 0;
        int n = 0;
        for (int i : idx) {
            if (gt[i] != 0) {
                s += Math.abs(est[i] - gt[i]) / Math.abs(gt[i]);
                n++;
            }
        }
        return n == 0 ? 0 : 100 * s / n;
    }

    /** Cr2^m: Cr2 over the muscle and shared parameters in {@code idx}. */
    public static double cr2Muscle(double[] est, double[] gt, int[] idx) {
        return cr2(est, gt, java.util.Arrays.stream(idx).filter(i -> i >= ParameterRegistry.N_BONE).toArray());
    }

    /** Percentage error of every parameter in {@code idx}. */
    public static double[] percentErrors(double[] est, double[] gt, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            out[k] = gt[i] == 0 ? Math.abs(est[i]) * 100 : 100 * (est[i] - gt[i]) / Math.abs(gt[i]);
        }
        return out;
    }
}
