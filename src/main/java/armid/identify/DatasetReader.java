package armid.identify;

import armid.io.StorageFile;
import armid.io.StorageFileException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a dataset folder (the format of {@code armid simulate}, documented in the README: OpenSim {@code .sto} files
 * plus {@code dataset.json} and {@code ground_truth.json}) for identification, independently of the simulator's own
 * classes: only the files and their documented columns are used.
 *
 * <p>Read: {@code coordinates.sto}, {@code speeds.sto}, {@code accelerations.sto} (columns named as the model's 16
 * free coordinates), {@code emg.sto} (one column per muscle of {@link ParameterRegistry#MUSCLES}, values in [0, 1]),
 * and when both are present {@code fiber_length.sto} and {@code fiber_velocity.sto}. The sample rate comes from
 * {@code dataset.json} ({@code sample_rate}) when present, otherwise from the time column; every file must have the
 * same uniform time column. {@code ground_truth.json}, when present, gives the ground truth by OpenSim-style
 * parameter name ({@link ParameterDriver#name()}); its values override the model's and the default EMG filter's.
 *
 * <p>Every problem is an {@link IOException} naming the file and, where it applies, the data row (1-based) and the
 * column or JSON field.
 */
public final class DatasetReader {
    /** Files of a dataset folder read here. */
    public static final String COORDINATES = "coordinates.sto";
    public static final String SPEEDS = "speeds.sto";
    public static final String ACCELERATIONS = "accelerations.sto";
    public static final String EMG = "emg.sto";
    public static final String FIBER_LENGTH = "fiber_length.sto";
    public static final String FIBER_VELOCITY = "fiber_velocity.sto";
    public static final String DESCRIPTION = "dataset.json";
    public static final String GROUND_TRUTH = "ground_truth.json";
    private static final String[] AXES = {"x", "y", "z"};

    /**
     * A dataset read for identification.
     *
     * @param folder       the folder
     * @param motion       q, q̇, q̈, EMG and (if present) fibre kinematics
     * @param groundTruth  ground truth by parameter name (empty when the folder has no {@code ground_truth.json})
     * @param description  {@code dataset.json} (null when absent)
     */
    public record Data(Path folder, MotionData motion, Map<String, Double> groundTruth, JsonNode description) {
        public boolean hasGroundTruth() {
            return !groundTruth.isEmpty();
        }
    }

    private DatasetReader() {
    }

    /**
     * Reads {@code dir}; {@code coordinates} are the model's 16 free coordinates in the identification order
     * ({@code MultibodySystem.coordinateNames()}).
     */
    public static Data read(Path dir, List<String> coordinates) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a dataset folder (" + (Files.exists(dir) ? "not a folder" : "does not exist")
                    + ")");
        }
        if (coordinates.size() != MotionData.DOF) {
            throw new IllegalArgumentException("expected " + MotionData.DOF + " coordinates, got " + coordinates.size());
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode description = null;
        Path descFile = dir.resolve(DESCRIPTION);
        if (Files.exists(descFile)) {
            description = readJson(mapper, descFile);
        }
        List<String> muscles = ParameterRegistry.MUSCLES;
        Path emgFile = dir.resolve(EMG);
        if (!Files.exists(emgFile)) {
            throw new IOException(emgFile + ": missing; identification needs the EMG that drove the movement (a "
                    + "dataset simulated from given excitations has none)");
        }
        StorageFile qs = storage(dir.resolve(COORDINATES));
        double[] time = qs.time();
        int n = time.length;
        if (n < 3) {
            throw new IOException(qs.source() + ": " + n + " data rows; identification needs at least 3");
        }
        double rate = sampleRate(descFile, description, qs);
        checkUniform(qs, rate);
        double[] q = matrix(qs, coordinates, time);
        double[] qd = matrix(storage(dir.resolve(SPEEDS)), coordinates, time);
        double[] qdd = matrix(storage(dir.resolve(ACCELERATIONS)), coordinates, time);
        double[] emg = matrix(storage(emgFile), muscles, time);
        for (int t = 0; t < n; t++) {
            for (int m = 0; m < muscles.size(); m++) {
                double e = emg[t * muscles.size() + m];
                if (e < 0 || e > 1) {
                    throw new StorageFileException(emgFile, -1, t + 1, muscles.get(m), "EMG " + e
                            + " is outside [0, 1] (normalise it first)");
                }
            }
        }
        Path fl = dir.resolve(FIBER_LENGTH);
        Path fv = dir.resolve(FIBER_VELOCITY);
        double[] fiberL = null;
        double[] fiberV = null;
        if (Files.exists(fl) != Files.exists(fv)) {
            throw new IOException((Files.exists(fl) ? fv : fl) + ": missing (fibre length and velocity come "
                    + "together)");
        }
        if (Files.exists(fl)) {
            fiberL = matrix(storage(fl), muscles, time);
            fiberV = matrix(storage(fv), muscles, time);
            for (int i = 0; i < fiberL.length; i++) {
                if (!(fiberL[i] > 0)) {
                    throw new StorageFileException(fl, -1, i / muscles.size() + 1, muscles.get(i % muscles.size()),
                            "fibre length " + fiberL[i] + " is not positive");
                }
            }
        }
        Map<String, Double> gt = Map.of();
        Path gtFile = dir.resolve(GROUND_TRUTH);
        if (Files.exists(gtFile)) {
            gt = groundTruth(gtFile, readJson(mapper, gtFile));
        }
        MotionData motion = new MotionData(rate, q, qd, qdd, emg, fiberL, fiberV);
        return new Data(dir, motion, gt, description);
    }

    private static JsonNode readJson(ObjectMapper mapper, Path file) throws IOException {
        try {
            JsonNode node = mapper.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IOException(file + ": not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IOException(file + (loc == null ? "" : ", line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr()) + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static StorageFile storage(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + ": missing");
        }
        return StorageFile.read(file);
    }

    private static double sampleRate(Path descFile, JsonNode description, StorageFile qs) throws IOException {
        if (description != null && description.has("sample_rate")) {
            JsonNode r = description.get("sample_rate");
            if (!r.isNumber() || !(r.asDouble() > 0) || !Double.isFinite(r.asDouble())) {
                throw new IOException(descFile + ": sample_rate must be a positive number, got " + r);
            }
            return r.asDouble();
        }
        double[] t = qs.time();
        double rate = (t.length - 1) / (t[t.length - 1] - t[0]);
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new StorageFileException(qs.source(), -1, -1, "time", "cannot infer a sample rate from the time "
                    + "column");
        }
        return rate;
    }

    private static void checkUniform(StorageFile s, double rate) throws IOException {
        double[] t = s.time();
        for (int k = 0; k < t.length; k++) {
            double want = t[0] + k / rate;
            if (!(Math.abs(t[k] - want) <= 1e-6 / rate + 1e-12 * Math.abs(want))) {
                throw new StorageFileException(s.source(), -1, k + 1, "time", "time " + t[k] + " is not on the "
                        + "uniform grid of " + rate + " Hz (expected " + want + ")");
            }
        }
    }

    /** The named columns of {@code s} as a T×k row-major matrix, after checking its time column and values. */
    private static double[] matrix(StorageFile s, List<String> labels, double[] time) throws IOException {
        double[] t = s.time();
        if (t.length != time.length) {
            throw new StorageFileException(s.source(), -1, -1, null, t.length + " data rows, " + COORDINATES
                    + " has " + time.length);
        }
        for (int k = 0; k < t.length; k++) {
            if (Math.abs(t[k] - time[k]) > 1e-9 * Math.max(1, Math.abs(time[k]))) {
                throw new StorageFileException(s.source(), -1, k + 1, "time", "time " + t[k] + " differs from "
                        + COORDINATES + "'s " + time[k]);
            }
        }
        int n = t.length;
        int k = labels.size();
        double[] out = new double[n * k];
        for (int c = 0; c < k; c++) {
            double[] col = s.column(labels.get(c));
            for (int r = 0; r < n; r++) {
                if (!Double.isFinite(col[r])) {
                    throw new StorageFileException(s.source(), -1, r + 1, labels.get(c), "value " + col[r]
                            + " is not finite");
                }
                out[r * k + c] = col[r];
            }
        }
        return out;
    }

    /** Ground truth by parameter name from {@code ground_truth.json}'s bodies, muscles and shared sections. */
    static Map<String, Double> groundTruth(Path file, JsonNode root) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode bodies = section(file, root, "bodies");
        for (String bone : ParameterRegistry.BONES) {
            JsonNode b = bodies.get(bone);
            if (b == null) {
                throw new IOException(file + ": bodies." + bone + " is missing");
            }
            String comp = "/bodyset/" + bone;
            String at = "bodies." + bone;
            out.put(comp + ":mass", number(file, at + ".mass", b.get("mass")));
            double[] com = array(file, at + ".mass_center", b.get("mass_center"), 3);
            for (int k = 0; k < 3; k++) {
                out.put(comp + ":mass_center_" + AXES[k], com[k]);
            }
            double[] in = array(file, at + ".inertia", b.get("inertia"), 6);
            for (int k = 0; k < 6; k++) {
                out.put(comp + ":" + ParameterRegistry.BONE_PROPERTIES.get(4 + k), in[k]);
            }
        }
        JsonNode muscles = section(file, root, "muscles");
        for (String m : ParameterRegistry.MUSCLES) {
            JsonNode o = muscles.get(m);
            if (o == null) {
                throw new IOException(file + ": muscles." + m + " is missing");
            }
            for (String p : ParameterRegistry.MUSCLE_PROPERTIES) {
                out.put("/forceset/" + m + ":" + p, number(file, "muscles." + m + "." + p, o.get(p)));
            }
        }
        JsonNode shared = section(file, root, "shared");
        for (String p : List.of("activation_time_constant", "deactivation_time_constant")) {
            out.put(ParameterRegistry.SHARED_MUSCLE_COMPONENT + ":" + p, number(file, "shared." + p, shared.get(p)));
        }
        for (String p : List.of("c1", "c2", "electromechanical_delay")) {
            out.put(ParameterRegistry.EMG_COMPONENT + ":" + p, number(file, "shared." + p, shared.get(p)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static JsonNode section(Path file, JsonNode root, String name) throws IOException {
        JsonNode s = root.get(name);
        if (s == null || !s.isObject()) {
            throw new IOException(file + ": '" + name + "' is missing or not an object");
        }
        return s;
    }

    private static double number(Path file, String at, JsonNode v) throws IOException {
        if (v == null) {
            throw new IOException(file + ": " + at + " is missing");
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IOException(file + ": " + at + " must be a finite number, got " + v);
        }
        return v.asDouble();
    }

    private static double[] array(Path file, String at, JsonNode v, int size) throws IOException {
        if (v == null || !v.isArray() || v.size() != size) {
            throw new IOException(file + ": " + at + " must be an array of " + size + " numbers, got " + v);
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = number(file, at + "[" + i + "]", v.get(i));
        }
        return out;
    }
}
