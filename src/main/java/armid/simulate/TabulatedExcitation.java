package armid.simulate;

import armid.io.StorageFile;
import armid.io.StorageFileException;
import java.util.List;

/**
 * Known excitations, one column per driven muscle against time, linearly interpolated (held at the first and last
 * values outside the table): the input of {@code armid simulate --excitations}. The EMG filter is bypassed. The
 * table's own times inside a sample interval are kinks the integrator stops at.
 */
public final class TabulatedExcitation implements Driver {
    private final double[] time;
    private final double[][] values; // [muscle][row]
    private final String source;
    private double[] kinks = new double[0];

    /**
     * @param table   a time column and a column named after each muscle (other columns are ignored)
     * @param muscles the driven muscles, in plant order
     * @throws IllegalArgumentException naming the file, the column or the row when the table cannot be used
     */
    public TabulatedExcitation(StorageFile table, List<String> muscles) {
        source = table.source() == null ? table.name() : table.source().toString();
        time = table.time();
        if (time.length == 0) {
            throw new IllegalArgumentException(source + ": no rows");
        }
        for (int r = 0; r < time.length; r++) {
            if (!Double.isFinite(time[r])) {
                throw new IllegalArgumentException(source + ": row " + (r + 1) + ": time is " + time[r]);
            }
            if (r > 0 && !(time[r] > time[r - 1])) {
                throw new IllegalArgumentException(source + ": row " + (r + 1) + ": time " + time[r]
                        + " does not increase (previous " + time[r - 1] + ")");
            }
        }
        values = new double[muscles.size()][];
        for (int m = 0; m < muscles.size(); m++) {
            String name = muscles.get(m);
            try {
                values[m] = table.column(name);
            } catch (StorageFileException e) {
                throw new IllegalArgumentException(source + ": no excitation column for muscle " + name
                        + " (need one column per muscle: " + String.join(", ", muscles) + ")", e);
            }
            for (int r = 0; r < time.length; r++) {
                double v = values[m][r];
                if (!Double.isFinite(v) || v < 0 || v > 1) {
                    throw new IllegalArgumentException(source + ": row " + (r + 1) + ", column " + name
                            + ": excitation " + v + " is not in [0, 1]");
                }
            }
        }
    }

    @Override
    public void initialExcitation(double[] u) {
        excitation(0.0, u);
    }

    @Override
    public double[] emg(int k) {
        return null;
    }

    @Override
    public void prepare(int k, double tk, double tk1, ArmPlant.Sample s) {
        // table times strictly inside the interval, ignoring those within round-off of its ends
        double eps = 1e-9 * (tk1 - tk);
        int count = 0;
        double[] buf = new double[0];
        for (double t : time) {
            if (t > tk + eps && t < tk1 - eps) {
                if (count == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, Math.max(4, 2 * count));
                }
                buf[count++] = t;
            }
        }
        kinks = java.util.Arrays.copyOf(buf, count);
    }

    @Override
    public double[] kinks() {
        return kinks;
    }

    @Override
    public void excitation(double t, double[] u) {
        int n = time.length;
        if (t <= time[0]) {
            for (int m = 0; m < u.length; m++) {
                u[m] = values[m][0];
            }
            return;
        }
        if (t >= time[n - 1]) {
            for (int m = 0; m < u.length; m++) {
                u[m] = values[m][n - 1];
            }
            return;
        }
        int i = java.util.Arrays.binarySearch(time, t);
        if (i >= 0) {
            for (int m = 0; m < u.length; m++) {
                u[m] = values[m][i];
            }
            return;
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (t - time[lo]) / (time[hi] - time[lo]);
        for (int m = 0; m < u.length; m++) {
            u[m] = values[m][lo] + w * (values[m][hi] - values[m][lo]);
        }
    }
}
