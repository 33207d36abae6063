package armid.simulate;

import armid.io.StorageFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A simulated dataset: the samples of a {@link ForwardSimulation} and its description, as a folder of OpenSim
 * Storage ({@code .sto}) files plus {@code dataset.json} and {@code ground_truth.json}. The files, their columns and
 * units are listed in {@link #FILES} and documented in the README ("Dataset format").
 *
 * <p>Columns are held [column][sample]. {@link #write} writes the whole folder into a hidden sibling first and then
 * renames it into place, so the folder appears whole or not at all.
 */
public final class Dataset {
    /** The JSON description's file name. */
    public static final String DESCRIPTION = "dataset.json";
    /** The ground truth's file name. */
    public static final String GROUND_TRUTH = "ground_truth.json";
    /** Value of the description's "format" entry. */
    public static final String FORMAT = "armid-dataset";
    public static final int FORMAT_VERSION = 1;

    /** The .sto files: file name → what it holds (columns, units). */
    public static final Map<String, String> FILES;

    static {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("coordinates.sto", "q: the 16 free coordinates (rad; columns named as the model's coordinates)");
        f.put("speeds.sto", "q-dot (rad/s), same columns");
        f.put("accelerations.sto", "q-ddot (rad/s^2) from the equations of motion at each sample, same columns");
        f.put("muscle_tendon_length.sto", "l_mt: musculotendon (path) length (m), one column per muscle");
        f.put("muscle_tendon_speed.sto", "l-dot_mt: path lengthening speed (m/s)");
        f.put("fiber_length.sto", "fibre length l_m (m)");
        f.put("fiber_velocity.sto", "fibre velocity (m/s, positive lengthening)");
        f.put("pennation_angle.sto", "pennation angle (rad)");
        f.put("activation.sto", "activation a (eq. 17-18)");
        f.put("excitation.sto", "neural excitation u (eq. 19-21 output, or the given excitations)");
        f.put("muscle_force.sto", "f_m: tendon force (N), the force on the path");
        f.put("moment_arms.sto", "J_m: moment arm -dl_mt/dq_i (m), column MUSCLE/COORDINATE for every muscle and "
                + "free coordinate");
        f.put("emg.sto", "EMG of the 16 muscles in [0, 1] that drove the simulation (absent when excitations "
                + "were given)");
        FILES = java.util.Collections.unmodifiableMap(f);
    }

    private final List<String> coordinates;
    private final List<String> muscles;
    private final double[] time;
    final double[][] q;
    final double[][] qd;
    final double[][] qdd;
    final double[][] mtLength;
    final double[][] mtSpeed;
    final double[][] fiberLength;
    final double[][] fiberVelocity;
    final double[][] pennation;
    final double[][] activation;
    final double[][] excitation;
    final double[][] force;
    final double[][] momentArms; // [m * n + i][sample]
    final double[][] emg; // null when not EMG-driven
    private ObjectNode description;
    private ObjectNode groundTruth;

    /** An empty dataset to be filled sample by sample ({@link #recorder}). */
    public Dataset(List<String> coordinates, List<String> muscles, int samples, double rate, boolean withEmg) {
        this.coordinates = List.copyOf(coordinates);
        this.muscles = List.copyOf(muscles);
        int n = coordinates.size();
        int m = muscles.size();
        time = new double[samples];
        for (int k = 0; k < samples; k++) {
            time[k] = k / rate;
        }
        q = new double[n][samples];
        qd = new double[n][samples];
        qdd = new double[n][samples];
        mtLength = new double[m][samples];
        mtSpeed = new double[m][samples];
        fiberLength = new double[m][samples];
        fiberVelocity = new double[m][samples];
        pennation = new double[m][samples];
        activation = new double[m][samples];
        excitation = new double[m][samples];
        force = new double[m][samples];
        momentArms = new double[m * n][samples];
        emg = withEmg ? new double[m][samples] : null;
    }

    private Dataset(List<String> coordinates, List<String> muscles, double[] time, Map<String, double[][]> cols,
            ObjectNode description, ObjectNode groundTruth) {
        this.coordinates = coordinates;
        this.muscles = muscles;
        this.time = time;
        q = cols.get("coordinates.sto");
        qd = cols.get("speeds.sto");
        qdd = cols.get("accelerations.sto");
        mtLength = cols.get("muscle_tendon_length.sto");
        mtSpeed = cols.get("muscle_tendon_speed.sto");
        fiberLength = cols.get("fiber_length.sto");
        fiberVelocity = cols.get("fiber_velocity.sto");
        pennation = cols.get("pennation_angle.sto");
        activation = cols.get("activation.sto");
        excitation = cols.get("excitation.sto");
        force = cols.get("muscle_force.sto");
        momentArms = cols.get("moment_arms.sto");
        emg = cols.get("emg.sto");
        this.description = description;
        this.groundTruth = groundTruth;
    }

    /** A recorder that stores each sample in this dataset. */
    public ForwardSimulation.Recorder recorder() {
        int n = coordinates.size();
        int m = muscles.size();
        return (k, t, s, e) -> {
            for (int i = 0; i < n; i++) {
                q[i][k] = s.q[i];
                qd[i][k] = s.qd[i];
                qdd[i][k] = s.qdd[i];
            }
            for (int j = 0; j < m; j++) {
                mtLength[j][k] = s.mtLength[j];
                mtSpeed[j][k] = s.mtSpeed[j];
                fiberLength[j][k] = s.fiberLength[j];
                fiberVelocity[j][k] = s.fiberVelocity[j];
                pennation[j][k] = s.pennation[j];
                activation[j][k] = s.activation[j];
                excitation[j][k] = s.excitation[j];
                force[j][k] = s.force[j];
                for (int i = 0; i < n; i++) {
                    momentArms[j * n + i][k] = s.momentArms[j][i];
                }
                if (emg != null) {
                    emg[j][k] = e[j];
                }
            }
        };
    }

    public void setDescription(ObjectNode description, ObjectNode groundTruth) {
        this.description = description;
        this.groundTruth = groundTruth;
    }

    public ObjectNode description() {
        return description;
    }

    public ObjectNode groundTruthJson() {
        return groundTruth;
    }

    public GroundTruth groundTruth() {
        return GroundTruth.fromJson(groundTruth);
    }

    public List<String> coordinates() {
        return coordinates;
    }

    public List<String> muscles() {
        return muscles;
    }

    public int samples() {
        return time.length;
    }

    public double[] time() {
        return time;
    }

    /** q of coordinate i, all samples (the dataset's array: do not modify). */
    public double[] q(int i) {
        return q[i];
    }

    public double[] qd(int i) {
        return qd[i];
    }

    public double[] qdd(int i) {
        return qdd[i];
    }

    public double[] activation(int m) {
        return activation[m];
    }

    public double[] excitation(int m) {
        return excitation[m];
    }

    public double[] force(int m) {
        return force[m];
    }

    public double[] mtLength(int m) {
        return mtLength[m];
    }

    public double[] fiberLength(int m) {
        return fiberLength[m];
    }

    /** Moment arm of muscle m about coordinate i, all samples. */
    public double[] momentArm(int m, int i) {
        return momentArms[m * coordinates.size() + i];
    }

    /** EMG of muscle m, or null when the dataset was driven by given excitations. */
    public double[] emg(int m) {
        return emg == null ? null : emg[m];
    }

    public boolean hasEmg() {
        return emg != null;
    }

    // ------------------------------------------------------------------------------------------------ files

    private Map<String, double[][]> columnsByFile() {
        Map<String, double[][]> c = new LinkedHashMap<>();
        c.put("coordinates.sto", q);
        c.put("speeds.sto", qd);
        c.put("accelerations.sto", qdd);
        c.put("muscle_tendon_length.sto", mtLength);
        c.put("muscle_tendon_speed.sto", mtSpeed);
        c.put("fiber_length.sto", fiberLength);
        c.put("fiber_velocity.sto", fiberVelocity);
        c.put("pennation_angle.sto", pennation);
        c.put("activation.sto", activation);
        c.put("excitation.sto", excitation);
        c.put("muscle_force.sto", force);
        c.put("moment_arms.sto", momentArms);
        if (emg != null) {
            c.put("emg.sto", emg);
        }
        return c;
    }

    private List<String> labels(String file) {
        return switch (file) {
            case "coordinates.sto", "speeds.sto", "accelerations.sto" -> coordinates;
            case "moment_arms.sto" -> momentArmLabels(muscles, coordinates);
            default -> muscles;
        };
    }

    static List<String> momentArmLabels(List<String> muscles, List<String> coordinates) {
        List<String> out = new ArrayList<>();
        for (String m : muscles) {
            for (String c : coordinates) {
                out.add(m + "/" + c);
            }
        }
        return out;
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Writes the folder {@code dir}, which must not exist (or be an empty folder): everything goes into a hidden
     * sibling folder that is renamed to {@code dir} at the end, so that {@code dir} appears whole or not at all.
     *
     * @throws FileAlreadyExistsException if {@code dir} exists and is not an empty folder
     */
    public void write(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            boolean emptyDir;
            try (Stream<Path> s = Files.isDirectory(target) ? Files.list(target) : null) {
                emptyDir = s != null && s.findAny().isEmpty();
            }
            if (!emptyDir) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "exists; give a new folder (the dataset is written whole or not at all)");
            }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
        boolean done = false;
        try {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("armid_dataset", FORMAT_VERSION + "");
            for (var e : columnsByFile().entrySet()) {
                String file = e.getKey();
                String name = file.substring(0, file.length() - 4);
                StorageFile sto = StorageFile.of(name, false, labels(file), time, e.getValue(), meta,
                        List.of(FILES.get(file).replace('=', ':')));
                sto.write(tmp.resolve(file));
            }
            ObjectMapper mapper = mapper();
            mapper.writeValue(tmp.resolve(GROUND_TRUTH).toFile(), groundTruth);
            mapper.writeValue(tmp.resolve(DESCRIPTION).toFile(), description);
            if (Files.exists(target)) {
                Files.delete(target); // the empty folder
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            done = true;
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    /** Reads a dataset folder written by {@link #write}. */
    public static Dataset read(Path dir) throws IOException {
        ObjectMapper mapper = mapper();
        Path desc = dir.resolve(DESCRIPTION);
        if (!Files.isRegularFile(desc)) {
            throw new IOException(dir + ": not a dataset folder (no " + DESCRIPTION + ")");
        }
        JsonNode d = mapper.readTree(desc.toFile());
        if (!FORMAT.equals(d.path("format").asText())) {
            throw new IOException(desc + ": format is not " + FORMAT);
        }
        List<String> coords = new ArrayList<>();
        d.get("coordinates").forEach(c -> coords.add(c.get("name").asText()));
        List<String> ms = new ArrayList<>();
        d.get("muscles").forEach(c -> ms.add(c.get("name").asText()));
        JsonNode gt = mapper.readTree(dir.resolve(GROUND_TRUTH).toFile());
        Map<String, double[][]> cols = new LinkedHashMap<>();
        double[] time = null;
        for (String file : FILES.keySet()) {
            Path p = dir.resolve(file);
            if (!Files.exists(p)) {
                if (file.equals("emg.sto")) {
                    continue;
                }
                throw new IOException(dir + ": missing " + file);
            }
            StorageFile sto = StorageFile.read(p);
            List<String> want = switch (file) {
                case "coordinates.sto", "speeds.sto", "accelerations.sto" -> coords;
                case "moment_arms.sto" -> momentArmLabels(ms, coords);
                default -> ms;
            };
            double[][] c = new double[want.size()][];
            for (int i = 0; i < want.size(); i++) {
                c[i] = sto.column(want.get(i));
            }
            cols.put(file, c);
            if (time == null) {
                time = sto.time();
            } else if (sto.time().length != time.length) {
                throw new IOException(p + ": " + sto.time().length + " rows, coordinates.sto has " + time.length);
            }
        }
        return new Dataset(List.copyOf(coords), List.copyOf(ms), time, cols, (ObjectNode) d, (ObjectNode) gt);
    }
}
