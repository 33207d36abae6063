package armid.io;

import armid.numerics.signal.InverseDynamicsPreprocessing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Coordinates, speeds and accelerations from a motion file, computed exactly as OpenSim's InverseDynamicsTool
 * prepares them before solving inverse dynamics (OpenSim/Tools/InverseDynamicsTool.cpp, {@code run()}):
 * <ol>
 *   <li>read the file as {@code Storage} does (an old-style {@code .mot} without {@code inDegrees} is in
 *       degrees);</li>
 *   <li>if the cutoff is {@code >= 0}: {@code Storage::pad(N/2)} (point reflection at both ends, time column
 *       included), then {@code Storage::lowpassIIR(cutoff)}: if the padded time steps are not uniform to machine
 *       epsilon, resample at the smallest step with quintic GCV splines, then apply OpenSim's third-order
 *       Butterworth forward and backward ({@code Signal::LowpassIIR}); the padding stays;</li>
 *   <li>if the file is in degrees, convert the rotational columns to radians
 *       ({@code SimbodyEngine::convertDegreesToRadians}; which columns are rotational is the caller's
 *       predicate, since only the model knows);</li>
 *   <li>fit a quintic GCVSPL spline to each column ({@code GCVSplineSet(5, storage)}, error variance 0);</li>
 *   <li>take the rows of the processed time grid between {@code max(first time, t0)} and
 *       {@code min(last time, t1)} as {@code Storage::findIndex} selects them, and evaluate each spline and its
 *       first and second derivatives there ({@code InverseDynamicsSolver::solve}).</li>
 * </ol>
 * Details and sources of each step are in {@link InverseDynamicsPreprocessing}. With the default range
 * {@code (-inf, inf)} the padded rows are included, as OpenSim does; pass the file's own time range (as the
 * arm26 setup does with {@code <time_range>0 1</time_range>}) to get the rows OpenSim reports for it.
 *
 * <p>Checked against OpenSim's arm26 inverse dynamics test: the output times equal those of
 * {@code std_arm26_InverseDynamics.sto}, and joint moments recomputed from our q, q&#775;, q&#776; match it to
 * rounding if the coordinates are clamped to their ranges (the older OpenSim that wrote that file did so; see
 * {@link #compute(StorageFile, double, Predicate, double, double, Function)}), and from 0.125 s on without.
 */
public final class InverseDynamicsCoordinates {

    private InverseDynamicsCoordinates() {
    }

    /**
     * Result for every data column of the file.
     *
     * @param labels column labels, in file order
     * @param time output times
     * @param q values {@code [column][row]}, radians for rotational columns
     * @param qDot first derivatives
     * @param qDDot second derivatives
     * @param source the motion file
     */
    public record Result(List<String> labels, double[] time, double[][] q, double[][] qDot, double[][] qDDot,
                         Path source) {

        public int column(String label) throws StorageFileException {
            int i = labels.indexOf(label);
            if (i < 0) {
                throw new StorageFileException(source, -1, -1, label, "no such column");
            }
            return i;
        }

        public double[] q(String label) throws StorageFileException {
            return q[column(label)].clone();
        }

        public double[] qDot(String label) throws StorageFileException {
            return qDot[column(label)].clone();
        }

        public double[] qDDot(String label) throws StorageFileException {
            return qDDot[column(label)].clone();
        }
    }

    /** OpenSim's default time range: everything, padded rows included. */
    public static Result compute(Path motionFile, double cutoffHz, Predicate<String> isRotational)
            throws IOException {
        return compute(motionFile, cutoffHz, isRotational, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * @param cutoffHz low-pass cutoff in Hz, negative (OpenSim: -1) for no padding and no filtering
     * @param isRotational tells which column labels are rotational coordinates (converted if in degrees)
     * @param t0 start of the time range (OpenSim's {@code time_range})
     * @param t1 end of the time range
     */
    public static Result compute(Path motionFile, double cutoffHz, Predicate<String> isRotational, double t0,
                                 double t1) throws IOException {
        StorageFile sto = StorageFile.read(motionFile);
        return compute(sto, cutoffHz, isRotational, t0, t1);
    }

    /** Same, from storage already read. */
    public static Result compute(StorageFile sto, double cutoffHz, Predicate<String> isRotational, double t0,
                                 double t1) throws StorageFileException {
        return compute(sto, cutoffHz, isRotational, t0, t1, label -> null);
    }

    /**
     * Variant that also clamps each column, after unit conversion and before the splines, to the range
     * {@code clampRange} gives for its label ({@code {min, max}} in radians or metres; null = not clamped).
     * OpenSim 4.x's tool does not clamp; an older version did for clamped coordinates, and OpenSim's arm26
     * reference moments ({@code std_arm26_InverseDynamics.sto}) are reproduced to rounding only with the arm26
     * coordinate ranges given here (its padded elbow goes below 0). Use {@link #compute(Path, double,
     * Predicate, double, double)} for the current tool's behaviour.
     */
    public static Result compute(StorageFile sto, double cutoffHz, Predicate<String> isRotational, double t0,
                                 double t1, Function<String, double[]> clampRange) throws StorageFileException {
        List<String> labels = sto.labels();
        double[] lower = new double[labels.size()];
        double[] upper = new double[labels.size()];
        for (int c = 0; c < labels.size(); c++) {
            double[] range = clampRange.apply(labels.get(c));
            if (range == null) {
                lower[c] = Double.NEGATIVE_INFINITY;
                upper[c] = Double.POSITIVE_INFINITY;
            } else {
                if (range.length != 2) {
                    throw new IllegalArgumentException("clamp range of '" + labels.get(c) + "' must be {min, max}");
                }
                lower[c] = range[0];
                upper[c] = range[1];
            }
        }
        boolean[] toRad = new boolean[labels.size()];
        for (int c = 0; c < toRad.length; c++) {
            toRad[c] = sto.inDegrees() && isRotational.test(labels.get(c));
        }
        InverseDynamicsPreprocessing.Result r;
        try {
            r = InverseDynamicsPreprocessing.process(sto.time(), sto.columns(), toRad, cutoffHz, t0, t1, lower,
                    upper);
        } catch (IllegalArgumentException e) {
            throw new StorageFileException(sto.source(), "cannot process coordinates: " + e.getMessage(), e);
        }
        return new Result(labels, r.time(), r.q(), r.qDot(), r.qDDot(), sto.source());
    }
}
