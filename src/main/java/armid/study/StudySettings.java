package armid.study;

import armid.identify.Identification;
import armid.identify.IdentificationJob;
import armid.identify.IdentificationLoss;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A study's settings, saved in {@value Study#SETTINGS}. The paper's (IV.C): movements 1 and 2, five seeded initial
 * guesses π₀ ~ N(π_gt, (0.1 π_gt)²) per movement, M1 and M2 from each, 10,000 + 2,000 epochs of Adam at 3e-3, on
 * 10 s of data at 1 kHz.
 *
 * @param movements       the movements (1, 2)
 * @param seeds           initial-guess seeds 1 … seeds per movement
 * @param methods         M1, M2
 * @param epochs          epochs with eq. 15
 * @param tendonEpochs    epochs with eq. 16
 * @param initError       relative standard deviation of the initial guess (eq. 24)
 * @param learningRate    Adam's learning rate
 * @param duration        simulated seconds per movement
 * @param rate            sample rate (Hz)
 * @param tolerance       simulator tolerance
 * @param movementSeed    seed of the simulated movements' reference and EMG
 * @param subjectSeed     seed of the simulated subject (parameters scaled by 1 + 0.1 N(0,1)), or {@link
 *                        #TEMPLATE_SUBJECT} for the model's own values (the paper's ground truth, the default)
 * @param data            given dataset folders, one per movement in order (empty: simulated in the study folder)
 * @param parametersEvery epochs between rows of each run's parameters.csv
 */
public record StudySettings(List<Integer> movements, int seeds, List<IdentificationLoss.Method> methods, int epochs,
                            int tendonEpochs, double initError, double learningRate, double duration, double rate,
                            double tolerance, long movementSeed, long subjectSeed, List<Path> data,
                            int parametersEvery) {
    public static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StudySettings {
        movements = List.copyOf(movements);
        methods = List.copyOf(methods);
        data = List.copyOf(data);
        if (movements.isEmpty() || movements.stream().anyMatch(m -> m != 1 && m != 2)
                || movements.stream().distinct().count() != movements.size()) {
            throw new IllegalArgumentException("--movements: give 1, 2 or 1,2 (got " + movements + ")");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        if (methods.isEmpty() || methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("--methods: give M1, M2 or M1,M2 (got " + methods + ")");
        }
        if (epochs < 0 || tendonEpochs < 0 || epochs + tendonEpochs == 0) {
            throw new IllegalArgumentException("--epochs and --tendon-epochs must be >= 0, not both 0");
        }
        if (!(initError >= 0) || !Double.isFinite(initError)) {
            throw new IllegalArgumentException("--init-error must be >= 0, got " + initError);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be positive, got " + learningRate);
        }
        if (data.isEmpty() && (!(duration > 0) || !(rate > 0) || !(tolerance > 0))) {
            throw new IllegalArgumentException("--duration, --rate and --tolerance must be positive");
        }
        if (!data.isEmpty() && data.size() != movements.size()) {
            throw new IllegalArgumentException("--data: give one dataset folder per movement (" + movements.size()
                    + " for --movements " + join(movements) + "), got " + data.size());
        }
        if (parametersEvery < 1) {
            throw new IllegalArgumentException("--parameters-every must be >= 1, got " + parametersEvery);
        }
    }

    /** The paper's settings (IV.C). */
    /**
     * Subject seed meaning the model's own parameter values, the paper's ground truth and the default. A perturbed
     * subject can be far from physiological: subject seed 1 shortens DELT1's tendon slack length so much that it pulls
     * with about 3,000 N (2.6 times its maximal isometric force) at movement 2's start, and the arm is thrown out of
     * its ranges within 0.3 s.
     */
    public static final long TEMPLATE_SUBJECT = 0;

    public static StudySettings paper() {
        return new StudySettings(List.of(1, 2), 5, List.of(IdentificationLoss.Method.M1, IdentificationLoss.Method.M2),
                10_000, 2_000, 0.1, Identification.Schedule.DEFAULT_LEARNING_RATE, 10.0, 1000.0, 1e-10, 1, TEMPLATE_SUBJECT, List.of(),
                IdentificationJob.DEFAULT_PARAMETERS_EVERY);
    }

    /** Settings given on the command line; null fields are not given. */
    public record Given(List<Integer> movements, Integer seeds, List<IdentificationLoss.Method> methods,
                        Integer epochs, Integer tendonEpochs, Double initError, Double learningRate, Double duration,
                        Double rate, Double tolerance, Long movementSeed, Long subjectSeed, List<Path> data,
                        Integer parametersEvery) {
    }

    /**
     * The settings of a new study (given values over {@code defaults}), or of a study continued from its saved
     * settings: movements, seeds and methods may change (runs are added or left out, finished ones kept); anything
     * that changes what a run computes must be as saved.
     */
    public static StudySettings resolve(Given g, StudySettings saved, StudySettings defaults) {
        if (saved == null) {
            return new StudySettings(or(g.movements(), defaults.movements()), or(g.seeds(), defaults.seeds()),
                    or(g.methods(), defaults.methods()), or(g.epochs(), defaults.epochs()),
                    or(g.tendonEpochs(), defaults.tendonEpochs()), or(g.initError(), defaults.initError()),
                    or(g.learningRate(), defaults.learningRate()), or(g.duration(), defaults.duration()),
                    or(g.rate(), defaults.rate()), or(g.tolerance(), defaults.tolerance()),
                    or(g.movementSeed(), defaults.movementSeed()), or(g.subjectSeed(), defaults.subjectSeed()),
                    g.data() == null ? defaults.data() : absolute(g.data()),
                    or(g.parametersEvery(), defaults.parametersEvery()));
        }
        List<String> conflicts = new ArrayList<>();
        conflict(conflicts, "epochs", g.epochs(), saved.epochs());
        conflict(conflicts, "tendon-epochs", g.tendonEpochs(), saved.tendonEpochs());
        conflict(conflicts, "init-error", g.initError(), saved.initError());
        conflict(conflicts, "lr", g.learningRate(), saved.learningRate());
        conflict(conflicts, "duration", g.duration(), saved.duration());
        conflict(conflicts, "rate", g.rate(), saved.rate());
        conflict(conflicts, "tolerance", g.tolerance(), saved.tolerance());
        conflict(conflicts, "movement-seed", g.movementSeed(), saved.movementSeed());
        conflict(conflicts, "subject-seed", g.subjectSeed(), saved.subjectSeed());
        conflict(conflicts, "parameters-every", g.parametersEvery(), saved.parametersEvery());
        if (g.data() != null && !absolute(g.data()).equals(saved.data())) {
            conflicts.add("--data " + g.data() + " (study: " + (saved.data().isEmpty() ? "simulated" : saved.data())
                    + ")");
        }
        List<Integer> movements = or(g.movements(), saved.movements());
        if (!saved.data().isEmpty() && !movements.equals(saved.movements())) {
            conflicts.add("--movements " + join(movements) + " (study: " + join(saved.movements())
                    + ", with one --data folder each)");
        }
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException("the study folder holds a study with other settings; these options "
                    + "differ from its " + Study.SETTINGS + ": " + String.join(", ", conflicts));
        }
        return new StudySettings(movements, or(g.seeds(), saved.seeds()), or(g.methods(), saved.methods()),
                saved.epochs(), saved.tendonEpochs(), saved.initError(), saved.learningRate(), saved.duration(),
                saved.rate(), saved.tolerance(), saved.movementSeed(), saved.subjectSeed(), saved.data(),
                saved.parametersEvery());
    }

    /** Reads {@value Study#SETTINGS} from a study folder, null when absent. */
    public static StudySettings read(Path study) throws IOException {
        Path f = study.resolve(Study.SETTINGS);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        JsonNode o = MAPPER.readTree(f.toFile());
        if (o == null || o.path("format").asInt() != FORMAT) {
            throw new IOException(f + ": not an armid study (format " + FORMAT + ")");
        }
        try {
            List<Integer> movements = new ArrayList<>();
            for (JsonNode n : req(o, "movements", f)) {
                movements.add(n.asInt());
            }
            List<IdentificationLoss.Method> methods = new ArrayList<>();
            for (JsonNode n : req(o, "methods", f)) {
                methods.add(IdentificationLoss.Method.valueOf(n.asText()));
            }
            List<Path> data = new ArrayList<>();
            for (JsonNode n : o.path("data")) {
                data.add(Path.of(n.asText()));
            }
            return new StudySettings(movements, req(o, "seeds", f).asInt(), methods, req(o, "epochs", f).asInt(),
                    req(o, "tendon_epochs", f).asInt(), req(o, "init_error", f).asDouble(),
                    req(o, "learning_rate", f).asDouble(), req(o, "duration_s", f).asDouble(),
                    req(o, "rate_hz", f).asDouble(), req(o, "tolerance", f).asDouble(),
                    req(o, "movement_seed", f).asLong(), req(o, "subject_seed", f).asLong(), data,
                    req(o, "parameters_every", f).asInt());
        } catch (IllegalArgumentException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@value Study#SETTINGS} (temporary file moved into place), with the software version that ran it. */
    public void write(Path study, String version) throws IOException {
        Files.createDirectories(study);
        Path tmp = Files.createTempFile(study, "." + Study.SETTINGS, ".tmp");
        Files.write(tmp, MAPPER.writeValueAsBytes(toJson(version)));
        Files.move(tmp, study.resolve(Study.SETTINGS), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    public ObjectNode toJson(String version) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("created_by", "armid study");
        if (version != null) {
            o.put("version", version);
        }
        ArrayNode mv = o.putArray("movements");
        movements.forEach(mv::add);
        o.put("seeds", seeds);
        ArrayNode me = o.putArray("methods");
        methods.forEach(m -> me.add(m.name()));
        o.put("epochs", epochs);
        o.put("tendon_epochs", tendonEpochs);
        o.put("init_error", initError);
        o.put("learning_rate", learningRate);
        o.put("duration_s", duration);
        o.put("rate_hz", rate);
        o.put("tolerance", tolerance);
        o.put("movement_seed", movementSeed);
        o.put("subject_seed", subjectSeed);
        ArrayNode d = o.putArray("data");
        data.forEach(p -> d.add(p.toString()));
        o.put("parameters_every", parametersEvery);
        o.put("runs", Study.runs(this).size());
        return o;
    }

    private static JsonNode req(JsonNode o, String field, Path f) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IOException(f + ": missing field '" + field + "'");
        }
        return n;
    }

    private static List<Path> absolute(List<Path> ps) {
        return ps.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    private static <T> T or(T v, T def) {
        return v == null ? def : v;
    }

    private static void conflict(List<String> out, String name, Object given, Object saved) {
        if (given != null && !Objects.equals(given, saved)) {
            out.add("--" + name + " " + given + " (study: " + saved + ")");
        }
    }

    static String join(List<?> xs) {
        return String.join(",", xs.stream().map(String::valueOf).toList());
    }
}
