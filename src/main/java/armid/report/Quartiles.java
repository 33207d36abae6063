package armid.report;

import java.util.Arrays;

/**
 * Lower quartile, median and upper quartile of a sample, linearly interpolated between order statistics (Hyndman and
 * Fan's definition 7, the default of R and NumPy); NaN values are left out.
 *
 * @param q1     25 % quantile
 * @param median 50 %
 * @param q3     75 %
 * @param n      values used
 */
public record Quartiles(double q1, double median, double q3, int n) {

    public static Quartiles of(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new Quartiles(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Quartiles(quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v.length);
    }

    /** The p-quantile of sorted values: x[h] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1) p. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
