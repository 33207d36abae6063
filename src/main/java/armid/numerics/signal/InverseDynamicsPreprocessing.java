package armid.numerics.signal;

/**
 * The coordinate preprocessing of OpenSim's InverseDynamicsTool (OpenSim/Tools/InverseDynamicsTool.cpp,
 * {@code run()}), on primitive arrays. Given the time column and the coordinate columns of a motion file:
 * <ol>
 *   <li>If the cutoff frequency is {@code >= 0}: pad every column (time included) by {@code N/2} rows with
 *       {@link SignalPadding} ({@code Storage::pad}); then {@code Storage::lowpassIIR}: take the smallest time
 *       step {@code dtmin} of the padded time; if the mean step exceeds it by more than the double epsilon
 *       (non-uniform sampling, which includes times merely rounded in the file), resample every column at
 *       {@code dtmin} with quintic {@link GcvSpline}s (OpenSim's error variance 0) evaluated at
 *       {@code t = t_first, t_first + dtmin, ...} (accumulated by repeated addition) while {@code t <= t_last};
 *       finally filter each column with {@link LowpassIir} at sampling interval {@code dtmin}. The padding is
 *       never removed.</li>
 *   <li>Multiply the columns flagged as rotational by {@code pi/180} if the file is in degrees (OpenSim does this
 *       after filtering, {@code SimbodyEngine::convertDegreesToRadians}).</li>
 *   <li>Fit a quintic {@link GcvSpline} (half order 3, error variance 0) to every column against the processed
 *       time ({@code GCVSplineSet(5, storage)}).</li>
 *   <li>Select rows: {@code start = max(first time, t0)}, {@code end = min(last time, t1)}; each maps to the last
 *       row whose time is {@code <=} it (row 0 if none), as {@code Storage::findIndex}; the output times are the
 *       processed times of those rows, inclusive.</li>
 *   <li>At those times evaluate each spline and its first and second derivatives: these are the q, q&#775;
 *       (taken equal to u) and q&#776; the InverseDynamicsSolver uses.</li>
 * </ol>
 * With the default time range {@code (-inf, inf)} the padded rows are part of the output, exactly as in OpenSim.
 */
public final class InverseDynamicsPreprocessing {

    /** Spline degree OpenSim uses both for resampling and for the coordinate functions. */
    public static final int SPLINE_DEGREE = 5;
    /** {@code Storage::MAX_RESAMPLE_SIZE}. */
    public static final int MAX_RESAMPLE_SIZE = 100000;
    private static final double EPS = Math.ulp(1.0);
    private static final double DEG_TO_RAD = Math.PI / 180;

    private InverseDynamicsPreprocessing() {
    }

    /**
     * Processed coordinates.
     *
     * @param time output times
     * @param q values, {@code q[column][row]}
     * @param qDot first time derivatives
     * @param qDDot second time derivatives
     * @param processedTime the full time grid the splines were fitted on (padded and resampled if filtered)
     * @param splines one spline per column, on {@code processedTime}
     */
    public record Result(double[] time, double[][] q, double[][] qDot, double[][] qDDot,
                         double[] processedTime, GcvSpline[] splines) {
    }

    /** Intermediate grid after padding, resampling and filtering (before unit conversion). */
    public record Grid(double[] time, double[][] columns, double samplingInterval) {
    }

    /**
     * Runs the whole pipeline.
     *
     * @param time strictly increasing times
     * @param columns {@code columns[c][row]}, each as long as {@code time}
     * @param toRadians per column: multiply by {@code pi/180} (rotational column of a file in degrees)
     * @param cutoffHz low-pass cutoff in Hz; negative = no padding, no filtering
     * @param t0 start of the time range ({@code Double.NEGATIVE_INFINITY} for OpenSim's default)
     * @param t1 end of the time range ({@code Double.POSITIVE_INFINITY} for OpenSim's default)
     */
    public static Result process(double[] time, double[][] columns, boolean[] toRadians, double cutoffHz,
                                 double t0, double t1) {
        return process(time, columns, toRadians, cutoffHz, t0, t1, null, null);
    }

    /**
     * As {@link #process(double[], double[][], boolean[], double, double, double)}, then, before the splines are
     * fitted, every value of column {@code c} is clamped to {@code [lower[c], upper[c]]} (in the units after
     * conversion; infinite bounds leave a side free). OpenSim 4.x does not do this; an older OpenSim did, for
     * coordinates marked clamped, and OpenSim's arm26 inverse dynamics reference output carries its trace: with
     * the padded elbow driven below its range, the clamped data differ from the current tool's near the start.
     *
     * @param lower per-column lower bounds, or null for no clamping
     * @param upper per-column upper bounds, or null for no clamping
     */
    public static Result process(double[] time, double[][] columns, boolean[] toRadians, double cutoffHz,
                                 double t0, double t1, double[] lower, double[] upper) {
        if ((lower == null) != (upper == null)
                || (lower != null && (lower.length != columns.length || upper.length != columns.length))) {
            throw new IllegalArgumentException("clamp bounds must be both absent or one per column");
        }
        if (lower != null) {
            for (int c = 0; c < columns.length; c++) {
                if (!(lower[c] <= upper[c])) {
                    throw new IllegalArgumentException("clamp range of column " + c + " is empty or NaN: ["
                            + lower[c] + ", " + upper[c] + "]");
                }
            }
        }
        if (toRadians.length != columns.length) {
            throw new IllegalArgumentException(
                    columns.length + " columns but " + toRadians.length + " unit flags");
        }
        if (Double.isNaN(cutoffHz) || Double.isNaN(t0) || Double.isNaN(t1)) {
            throw new IllegalArgumentException("cutoff and time range must not be NaN");
        }
        if (t0 > t1) {
            throw new IllegalArgumentException("time range start " + t0 + " is after its end " + t1);
        }
        checkInput(time, columns);
        Grid grid = cutoffHz >= 0 ? padAndFilter(time, columns, cutoffHz)
                : new Grid(time.clone(), copy(columns), Double.NaN);
        double[] t = grid.time();
        double[][] data = grid.columns();
        for (int c = 0; c < data.length; c++) {
            if (toRadians[c]) {
                double[] col = data[c];
                for (int i = 0; i < col.length; i++) {
                    col[i] *= DEG_TO_RAD;
                }
            }
        }
        if (lower != null) {
            for (int c = 0; c < data.length; c++) {
                double[] col = data[c];
                double lo = lower[c];
                double hi = upper[c];
                for (int i = 0; i < col.length; i++) {
                    col[i] = Math.max(lo, Math.min(hi, col[i]));
                }
            }
        }
        GcvSpline[] splines = new GcvSpline[data.length];
        for (int c = 0; c < data.length; c++) {
            splines[c] = GcvSpline.fitOpenSim(SPLINE_DEGREE, t, data[c]);
        }
        double start = Math.max(t[0], t0);
        double end = Math.min(t[t.length - 1], t1);
        int i0 = findIndex(t, start);
        int i1 = findIndex(t, end);
        int nt = i1 - i0 + 1;
        double[] outT = new double[nt];
        System.arraycopy(t, i0, outT, 0, nt);
        double[][] q = new double[data.length][nt];
        double[][] qd = new double[data.length][nt];
        double[][] qdd = new double[data.length][nt];
        for (int c = 0; c < data.length; c++) {
            splines[c].evaluate012(outT, q[c], qd[c], qdd[c]);
        }
        return new Result(outT, q, qd, qdd, t, splines);
    }

    /**
     * Step 1 alone: padding by {@code N/2}, resampling if the (padded) time is not uniform, low-pass filtering.
     */
    public static Grid padAndFilter(double[] time, double[][] columns, double cutoffHz) {
        checkInput(time, columns);
        int pad = SignalPadding.inverseDynamicsPadSize(time.length);
        double[] t = SignalPadding.pad(time, pad);
        double[][] data = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            data[c] = SignalPadding.pad(columns[c], pad);
        }
        int size = t.length;
        double dtMin = Double.POSITIVE_INFINITY;
        for (int i = 1; i < size; i++) {
            dtMin = Math.min(dtMin, t[i] - t[i - 1]);
        }
        if (!(dtMin >= EPS)) {
            throw new IllegalArgumentException("time step below machine epsilon (" + dtMin + "): cannot resample");
        }
        double avgDt = (t[size - 1] - t[0]) / (size - 1);
        if (avgDt - dtMin > EPS) {
            double dt = dtMin;
            if ((t[size - 1] - t[0]) / dt > MAX_RESAMPLE_SIZE) {
                dt = (t[size - 1] - t[0]) / MAX_RESAMPLE_SIZE;
            }
            Grid resampled = resample(t, data, dt);
            t = resampled.time();
            data = resampled.columns();
            dtMin = dt;
        }
        if (t.length < 4) {
            throw new IllegalArgumentException("too few rows to filter: " + t.length);
        }
        for (int c = 0; c < data.length; c++) {
            data[c] = LowpassIir.filter(dtMin, cutoffHz, data[c]);
        }
        return new Grid(t, data, dtMin);
    }

    /**
     * {@code Storage::resample(dt, 5)}: quintic splines through each column, evaluated from the first time by
     * accumulated steps of {@code dt} up to and including the last time.
     */
    public static Grid resample(double[] time, double[][] columns, double dt) {
        double first = time[0];
        double last = time[time.length - 1];
        int count = 0;
        for (double x = first; x <= last; x += dt) {
            count++;
        }
        double[] t = new double[count];
        int k = 0;
        for (double x = first; x <= last; x += dt) {
            t[k++] = x;
        }
        double[][] out = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            GcvSpline s = GcvSpline.fitOpenSim(SPLINE_DEGREE, time, columns[c]);
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = s.value(t[i]);
            }
            out[c] = v;
        }
        return new Grid(t, out, dt);
    }

    /** {@code Storage::findIndex(t)}: last row with {@code time <= t}, or 0. */
    public static int findIndex(double[] time, double t) {
        int i = 0;
        while (i < time.length && !(t < time[i])) {
            i++;
        }
        return Math.max(i - 1, 0);
    }

    private static void checkInput(double[] time, double[][] columns) {
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != time.length) {
                throw new IllegalArgumentException("column " + c + " has " + columns[c].length + " rows, time has "
                        + time.length);
            }
        }
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(time[i])) {
                throw new IllegalArgumentException("time at row " + i + " is not finite: " + time[i]);
            }
            if (i > 0 && !(time[i] > time[i - 1])) {
                throw new IllegalArgumentException("time is not strictly increasing at row " + i + ": " + time[i - 1]
                        + " then " + time[i]);
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }
}
