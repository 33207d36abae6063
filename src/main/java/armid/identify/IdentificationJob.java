package armid.identify;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.MultibodySystem;
import armid.model.muscle.MillardParameters;
import armid.osim.BundledModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One identification run as a resumable job on an output folder: reads a dataset ({@link DatasetReader}), draws the
 * initial guess (eq. 24), runs the paper's schedule ({@link Identification}) and writes
 *
 * <ul>
 *   <li>{@value #HISTORY}: one row per epoch, the loss, Cr1, Cr2, Cr2^m and the base dynamic coefficients at the
 *       parameters the epoch started from;</li>
 *   <li>{@value #PARAMETERS}: every parameter's value (OpenSim names as columns) at the start of every
 *       {@code parametersEvery}-th epoch and, in the last row, the estimate after the last epoch (the trajectories
 *       of the paper's Fig. 5);</li>
 *   <li>{@value #CHECKPOINT}: the settings, a fingerprint of the data and the optimiser state ({@link
 *       Identification.State}), every {@code checkpointEvery} epochs, when stopped and at the end;</li>
 *   <li>{@value #RESULT}: at the end, every parameter (name, ground truth, initial, estimate, percentage error) and
 *       the metrics.</li>
 * </ul>
 *
 * Every file is written to a temporary file in the folder and moved over the old one, so a killed run leaves the
 * previous complete version. {@link #run} with {@code resume} continues from the checkpoint and ends exactly where
 * the uninterrupted run ends (the optimisation draws no random numbers after the initial guess, and the loss sums in
 * a fixed order for a given thread count, which the checkpoint records).
 */
public final class IdentificationJob {
    public static final String HISTORY = "history.csv";
    public static final String CHECKPOINT = "checkpoint.json";
    public static final String RESULT = "result.json";
    public static final String PARAMETERS = "parameters.csv";
    public static final int CHECKPOINT_FORMAT = 1;
    /** Default epochs between rows of {@value #PARAMETERS}. */
    public static final int DEFAULT_PARAMETERS_EVERY = 10;

    /**
     * Settings; null fields take the default, or on resume the checkpoint's value.
     *
     * @param data            dataset folder (on resume: may be null, the checkpoint's is used)
     * @param method          M1 or M2
     * @param seed            seed of the initial guess (default 1)
     * @param initError       relative standard deviation of the initial guess (default 0.1, the paper's)
     * @param epochs          epochs of the first phase (default 10,000)
     * @param tendonEpochs    epochs of the tendon phase (default 2,000)
     * @param learningRate    Adam's learning rate (default {@link Identification.Schedule#paper()}'s)
     * @param threads         worker threads (default: available processors)
     * @param out             output folder
     * @param resume          continue from {@code out}'s checkpoint
     * @param checkpointEvery epochs between checkpoints (default 100)
     * @param stopAfter       stop (as if killed, after writing the checkpoint) once this many epochs are done; null
     *                        runs to the end
     * @param parametersEvery epochs between rows of {@value #PARAMETERS} (default {@value
     *                        #DEFAULT_PARAMETERS_EVERY}; on resume the checkpoint's)
     */
    public record Config(Path data, IdentificationLoss.Method method, Long seed, Double initError, Integer epochs,
                         Integer tendonEpochs, Double learningRate, Integer threads, Path out, boolean resume,
                         Integer checkpointEvery, Integer stopAfter, Integer parametersEvery) {
        public Config {
            Objects.requireNonNull(out, "out");
        }

        /** Settings with the default interval of {@value #PARAMETERS}. */
        public Config(Path data, IdentificationLoss.Method method, Long seed, Double initError, Integer epochs,
                      Integer tendonEpochs, Double learningRate, Integer threads, Path out, boolean resume,
                      Integer checkpointEvery, Integer stopAfter) {
            this(data, method, seed, initError, epochs, tendonEpochs, learningRate, threads, out, resume,
                    checkpointEvery, stopAfter, null);
        }
    }

    /** Progress callbacks (the command line's progress bar). */
    public interface Progress {
        /** Before the first epoch of this call: {@code done} of {@code total} epochs already done. */
        void begin(int total, int done, String description);

        /** After every epoch; the metrics are NaN when the ground truth is unknown. */
        void epoch(Identification.Epoch e);

        /** Polled after every epoch: true stops the run after writing a checkpoint (e.g. on Ctrl-C). */
        default boolean stopRequested() {
            return false;
        }
    }

    /** What a call did. */
    public record Outcome(boolean finished, int epochsDone, int totalEpochs, Path out) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IdentificationJob() {
    }

    /** Runs (or resumes) the job on the bundled MoBL-ARMS model. */
    public static Outcome run(Config c, Progress progress) throws IOException {
        Model model = BundledModels.moblArms();
        MultibodySystem system = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        return run(c, model, system, progress);
    }

    /** Runs (or resumes) the job with the given model (the wrist-locked MoBL-ARMS or one with the same layout). */
    public static Outcome run(Config c, Model model, MultibodySystem system, Progress progress) throws IOException {
        return run(c, model, system, progress, null);
    }

    /**
     * Motion tables ({@link MotionTables}) shared by the jobs on one system, such as a study's runs: each dataset's
     * are computed once, by the first job that needs them, while the others on it wait, and kept as long as this
     * object. Safe for jobs running in parallel.
     */
    public static final class SharedTables {
        private final MultibodySystem system;
        private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.FutureTask<MotionTables>>
                byData = new java.util.concurrent.ConcurrentHashMap<>();

        public SharedTables(MultibodySystem system) {
            this.system = system;
        }

        public MultibodySystem system() {
            return system;
        }

        MotionTables get(String fingerprint, MotionData data, int threads) {
            var task = new java.util.concurrent.FutureTask<>(() -> MotionTables.of(system, data, threads));
            var known = byData.putIfAbsent(fingerprint, task);
            if (known == null) {
                task.run();
                known = task;
            }
            try {
                return known.get();
            } catch (java.util.concurrent.ExecutionException e) {
                byData.remove(fingerprint, known); // not kept: a later job tries again
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the motion tables", e);
            }
        }
    }

    /**
     * Runs (or resumes) the job; with {@code shared} (null: none) the motion's tables come from it ({@code system}
     * must be its system).
     */
    public static Outcome run(Config c, Model model, MultibodySystem system, Progress progress, SharedTables shared)
            throws IOException {
        if (shared != null && shared.system() != system) {
            throw new IllegalArgumentException("the shared motion tables belong to another system");
        }
        long t0 = System.nanoTime();
        Path out = c.out();
        JsonNode checkpoint = null;
        if (c.resume()) {
            Path cp = out.resolve(CHECKPOINT);
            if (!Files.isRegularFile(cp)) {
                throw new IOException(out + ": no " + CHECKPOINT + " to resume from");
            }
            checkpoint = MAPPER.readTree(cp.toFile());
            if (checkpoint == null || checkpoint.path("format").asInt() != CHECKPOINT_FORMAT) {
                throw new IOException(cp + ": not an armid identification checkpoint (format " + CHECKPOINT_FORMAT
                        + ")");
            }
        } else if (Files.exists(out) && !(Files.isDirectory(out) && isEmpty(out))) {
            throw new IOException(out + " exists and is not empty; give a new folder, or --resume to continue the "
                    + "run whose checkpoint it holds");
        }
        Settings s = Settings.resolve(c, checkpoint == null ? null : checkpoint.get("settings"));
        DatasetReader.Data data = DatasetReader.read(s.data, system.coordinateNames());
        String fingerprint = fingerprint(data.motion());
        if (checkpoint != null && !fingerprint.equals(checkpoint.path("data_fingerprint").asText())) {
            throw new IOException(s.data + ": the data differ from those the checkpoint in " + out + " was made with");
        }
        Files.createDirectories(out);

        ParameterRegistry reg = ParameterRegistry.fromModel(model);
        if (data.hasGroundTruth()) {
            reg = reg.withGroundTruth(data.groundTruth());
        }
        if (s.method == IdentificationLoss.Method.M1) {
            reg.selectM1();
        } else {
            reg.selectM2();
        }
        double[] initial = reg.drawInitialGuess(s.seed, s.initError);
        int[] selected = reg.selected();
        HillMuscle hill = HillMuscle.fitted(MillardParameters.fromForceElement(model.force(
                ParameterRegistry.MUSCLES.get(0))));
        BaseParameters base = baseParameters(system);
        Identification.Schedule schedule = new Identification.Schedule(s.epochs, s.tendonEpochs, s.learningRate);
        int total = s.epochs + s.tendonEpochs;
        boolean known = data.hasGroundTruth();

        List<String> history = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        Identification.State start = null;
        double wallBefore = 0;
        if (checkpoint != null) {
            start = state(checkpoint.get("state"));
            double[] ckInitial = doubles(checkpoint.get("initial"));
            if (!java.util.Arrays.equals(ckInitial, initial)) {
                throw new IOException(out.resolve(CHECKPOINT) + ": its initial guess differs from the one drawn "
                        + "with seed " + s.seed);
            }
            history.addAll(readHistory(out.resolve(HISTORY), start.epoch()));
            parameters.addAll(readParameters(out.resolve(PARAMETERS), start.epoch()));
            wallBefore = checkpoint.path("wall_time_s").asDouble(0);
        } else {
            parameters.add(parametersRow(0, initial));
        }
        int done = start == null ? 0 : start.epoch();
        if (start != null && start.phase() == 2 && Files.exists(out.resolve(RESULT))) {
            return new Outcome(true, done, total, out);
        }
        String header = historyHeader(base.count());
        Logs logs = new Logs(header, history, parametersHeader(reg), parameters, wallBefore, t0);
        Identification.State[] last = {start};
        int[] sinceCheckpoint = {0};
        boolean[] stopped = {false};
        IdentificationLoss.Options opts = IdentificationLoss.Options.of(s.method).withThreads(s.threads);
        if (progress != null) {
            progress.begin(total, done, s.method + " on " + data.motion().samples() + " samples");
        }
        // Shared tables are computed on every processor: the next runs wait for them, and they do not depend on it.
        MotionTables tables = shared == null ? null
                : shared.get(fingerprint, data.motion(), Runtime.getRuntime().availableProcessors());
        try (IdentificationLoss loss = new IdentificationLoss(reg, system, hill, data.motion(), opts, tables)) {
            Settings fs = s;
            try {
                Identification.run(loss, base, schedule, start, (e, after) -> {
                Identification.Epoch shown = known ? e : new Identification.Epoch(e.epoch(), e.phase(), e.loss(),
                        Double.NaN, Double.NaN, Double.NaN, e.baseCoefficients());
                history.add(historyRow(shown));
                if (after.epoch() % fs.parametersEvery == 0) {
                    parameters.add(parametersRow(after.epoch(), after.theta()));
                }
                last[0] = after;
                if (progress != null) {
                    progress.epoch(shown);
                }
                boolean stop = (c.stopAfter() != null && after.epoch() >= c.stopAfter())
                        || (progress != null && progress.stopRequested());
                if (++sinceCheckpoint[0] >= fs.checkpointEvery || stop) {
                    writeCheckpoint(out, fs, fingerprint, initial, after, logs);
                    sinceCheckpoint[0] = 0;
                }
                stopped[0] = stop;
                return !stop;
                });
            } catch (java.io.UncheckedIOException ex) {
                throw ex.getCause();
            } catch (RuntimeException ex) {
                Identification.State good = last[0];
                if (good != null && good != start) {
                    writeCheckpoint(out, s, fingerprint, initial, good, logs);
                }
                throw new IllegalStateException(ex.getMessage() + (good == null ? ""
                        : " (the state after epoch " + good.epoch() + " is saved in " + out.resolve(CHECKPOINT)
                        + "; --resume with other settings is refused, start a new run e.g. with a smaller --lr)"),
                        ex);
            }
            Identification.State fin = last[0];
            if (stopped[0] && (fin == null || fin.phase() != 2)) {
                return new Outcome(false, fin == null ? done : fin.epoch(), total, out);
            }
            double[] theta = fin == null ? initial : fin.theta();
            if (fin == null) {
                fin = new Identification.State(0, 2, 0, theta, 0, new double[0], new double[0],
                        loss.normalization());
            }
            String estimateRow = parametersRow(fin.epoch(), theta);
            if (parameters.isEmpty() || !parameters.get(parameters.size() - 1).equals(estimateRow)) {
                parameters.add(estimateRow); // the last row is the estimate
            }
            writeCheckpoint(out, s, fingerprint, initial, fin, logs);
            // The loss at the estimate, with the equation of the last epoch run (eq. 16 after the tendon phase).
            if (s.tendonEpochs > 0 && loss.usesTendonEquationIfAsked()) {
                loss.setPhase(IdentificationLoss.Phase.TENDON);
            }
            double finalLoss = loss.value(theta);
            String finalEquation = loss.usesTendonEquation() ? "eq. 16" : "eq. 15";
            loss.setPhase(IdentificationLoss.Phase.CONTRACTION);
            ObjectNode result = result(s, data, reg, base, initial, theta, selected, finalLoss, fin, history);
            ((ObjectNode) result.get("metrics").get("final")).put("loss_equation", finalEquation);
            result.put("wall_time_s", logs.wallTime());
            writeAtomically(out.resolve(RESULT), MAPPER.writeValueAsBytes(result));
            return new Outcome(true, fin.epoch(), total, out);
        }
    }

    // ------------------------------------------------------------------------------------------------ settings

    private record Settings(Path data, IdentificationLoss.Method method, long seed, double initError, int epochs,
                            int tendonEpochs, double learningRate, int threads, int checkpointEvery,
                            int parametersEvery) {

        static Settings resolve(Config c, JsonNode ck) throws IOException {
            Identification.Schedule paper = Identification.Schedule.paper();
            if (ck == null) {
                if (c.data() == null) {
                    throw new IllegalArgumentException("give the dataset folder (--data)");
                }
                if (c.method() == null) {
                    throw new IllegalArgumentException("give the method (--method M1 or M2)");
                }
                Settings s = new Settings(c.data().toAbsolutePath().normalize(), c.method(), or(c.seed(), 1L),
                        or(c.initError(), 0.1), or(c.epochs(), paper.contractionEpochs()),
                        or(c.tendonEpochs(), paper.tendonEpochs()), or(c.learningRate(), paper.learningRate()),
                        or(c.threads(), Runtime.getRuntime().availableProcessors()), or(c.checkpointEvery(), 100),
                        or(c.parametersEvery(), DEFAULT_PARAMETERS_EVERY));
                s.check();
                return s;
            }
            List<String> conflicts = new ArrayList<>();
            Path data = Path.of(ck.get("data").asText());
            if (c.data() != null && !c.data().toAbsolutePath().normalize().equals(data)) {
                // Another path to the same data is fine: the fingerprint decides.
                data = c.data().toAbsolutePath().normalize();
            }
            IdentificationLoss.Method method = IdentificationLoss.Method.valueOf(ck.get("method").asText());
            conflict(conflicts, "method", c.method(), method);
            long seed = ck.get("seed").asLong();
            conflict(conflicts, "seed", c.seed(), seed);
            double initError = ck.get("init_error").asDouble();
            conflict(conflicts, "init-error", c.initError(), initError);
            int epochs = ck.get("epochs").asInt();
            conflict(conflicts, "epochs", c.epochs(), epochs);
            int tendon = ck.get("tendon_epochs").asInt();
            conflict(conflicts, "tendon-epochs", c.tendonEpochs(), tendon);
            double lr = ck.get("learning_rate").asDouble();
            conflict(conflicts, "lr", c.learningRate(), lr);
            int parametersEvery = ck.path("parameters_every").asInt(DEFAULT_PARAMETERS_EVERY);
            conflict(conflicts, "parameters-every", c.parametersEvery(), parametersEvery);
            if (!conflicts.isEmpty()) {
                throw new IllegalArgumentException("--resume continues the checkpoint's run; these options differ "
                        + "from it: " + String.join(", ", conflicts));
            }
            // Another thread count changes the order of floating-point sums (results agree to rounding only).
            int threads = or(c.threads(), ck.get("threads").asInt());
            Settings s = new Settings(data, method, seed, initError, epochs, tendon, lr, threads,
                    or(c.checkpointEvery(), ck.get("checkpoint_every").asInt()), parametersEvery);
            s.check();
            return s;
        }

        void check() {
            if (!(initError >= 0) || !Double.isFinite(initError)) {
                throw new IllegalArgumentException("--init-error must be >= 0, got " + initError);
            }
            if (epochs < 0 || tendonEpochs < 0) {
                throw new IllegalArgumentException("--epochs and --tendon-epochs must be >= 0");
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("--lr must be positive, got " + learningRate);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            if (checkpointEvery < 1) {
                throw new IllegalArgumentException("checkpoint interval must be >= 1 epoch, got " + checkpointEvery);
            }
            if (parametersEvery < 1) {
                throw new IllegalArgumentException("interval of " + PARAMETERS + " must be >= 1 epoch, got "
                        + parametersEvery);
            }
        }

        ObjectNode toJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("data", data.toString());
            o.put("method", method.name());
            o.put("seed", seed);
            o.put("init_error", initError);
            o.put("epochs", epochs);
            o.put("tendon_epochs", tendonEpochs);
            o.put("learning_rate", learningRate);
            o.put("threads", threads);
            o.put("checkpoint_every", checkpointEvery);
            o.put("parameters_every", parametersEvery);
            return o;
        }

        private static <T> T or(T v, T def) {
            return v == null ? def : v;
        }

        private static void conflict(List<String> out, String name, Object given, Object saved) {
            if (given != null && !given.equals(saved)) {
                out.add("--" + name + " " + given + " (checkpoint: " + saved + ")");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ model pieces

    /** Base dynamic coefficients over the independent coordinates' ranges (fixed seed: the same in every run). */
    static BaseParameters baseParameters(MultibodySystem system) {
        Constraints cons = new Constraints(system);
        int[] ind = cons.independent();
        double[] lo = new double[ind.length];
        double[] hi = new double[ind.length];
        for (int k = 0; k < ind.length; k++) {
            Coordinate co = system.coordinate(ind[k]);
            lo[k] = co.rangeMin();
            hi[k] = co.rangeMax();
        }
        return BaseParameters.compute(system, 300, 1, lo, hi, 3, 20);
    }

    /** SHA-256 of the motion data's numbers (rate, q, q̇, q̈, EMG, fibre kinematics). */
    static String fingerprint(MotionData m) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8);
            java.util.function.DoubleConsumer put = v -> {
                b.clear();
                b.putDouble(v);
                md.update(b.array());
            };
            put.accept(m.sampleRate());
            for (double[] a : new double[][] {m.q(), m.qd(), m.qdd(), m.emg(), m.fiberLength(), m.fiberVelocity()}) {
                if (a == null) {
                    md.update("none".getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                for (double v : a) {
                    put.accept(v);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ history

    static String historyHeader(int baseCount) {
        StringBuilder sb = new StringBuilder("epoch,phase,loss,cr1_percent,cr2_percent,cr2m_percent");
        for (int i = 1; i <= baseCount; i++) {
            sb.append(",beta_").append(i);
        }
        return sb.toString();
    }

    /** A history row; numbers in Java's shortest round-trip form, so a resumed run writes the same text. */
    static String historyRow(Identification.Epoch e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.epoch()).append(',').append(e.phase().name().toLowerCase(Locale.ROOT)).append(',')
                .append(e.loss()).append(',').append(e.cr1()).append(',').append(e.cr2()).append(',')
                .append(e.cr2Muscle());
        if (e.baseCoefficients() != null) {
            for (double v : e.baseCoefficients()) {
                sb.append(',').append(v);
            }
        }
        return sb.toString();
    }

    private static List<String> readHistory(Path file, int rows) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; the checkpoint needs the history of its " + rows + " epochs");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < rows + 1) {
            throw new IOException(file + ": " + Math.max(0, lines.size() - 1) + " epochs, the checkpoint has "
                    + rows);
        }
        List<String> out = new ArrayList<>(lines.subList(1, rows + 1));
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).startsWith(i + ",")) {
                throw new IOException(file + ", line " + (i + 2) + ": expected epoch " + i);
            }
        }
        return out;
    }

    /** Header of {@value #PARAMETERS}: {@code epoch} and every parameter's OpenSim name. */
    static String parametersHeader(ParameterRegistry reg) {
        StringBuilder sb = new StringBuilder("epoch");
        for (int i = 0; i < reg.size(); i++) {
            sb.append(',').append(reg.driver(i).name());
        }
        return sb.toString();
    }

    /** A row of {@value #PARAMETERS}: θ at the start of {@code epoch}, shortest round-trip numbers. */
    static String parametersRow(int epoch, double[] theta) {
        StringBuilder sb = new StringBuilder(24 * (theta.length + 1));
        sb.append(epoch);
        for (double v : theta) {
            sb.append(',').append(v);
        }
        return sb.toString();
    }

    /** The rows of {@value #PARAMETERS} up to epoch {@code done} (none when a checkpoint predates the file). */
    private static List<String> readParameters(Path file, int done) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            int epoch;
            try {
                epoch = Integer.parseInt(comma < 0 ? line : line.substring(0, comma));
            } catch (NumberFormatException e) {
                throw new IOException(file + ", line " + (i + 1) + ": expected an epoch number, got '" + line
                        .substring(0, Math.max(0, comma)) + "'");
            }
            if (epoch <= done) {
                out.add(line);
            }
        }
        return out;
    }

    /** The growing logs written with every checkpoint, and the run's wall time over all its sessions. */
    private record Logs(String historyHeader, List<String> history, String parametersHeader, List<String> parameters,
                        double wallBefore, long startNanos) {
        double wallTime() {
            return wallBefore + (System.nanoTime() - startNanos) * 1e-9;
        }
    }

    private static byte[] csv(String header, List<String> rows) {
        StringBuilder sb = new StringBuilder(header.length() + 200 * rows.size());
        sb.append(header).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ checkpoint

    private static void writeCheckpoint(Path out, Settings s, String fingerprint, double[] initial,
                                        Identification.State st, Logs logs) {
        try {
            // The logs first: a checkpoint never refers to epochs they lack.
            writeAtomically(out.resolve(HISTORY), csv(logs.historyHeader(), logs.history()));
            writeAtomically(out.resolve(PARAMETERS), csv(logs.parametersHeader(), logs.parameters()));
            ObjectNode root = MAPPER.createObjectNode();
            root.put("format", CHECKPOINT_FORMAT);
            root.put("created_by", "armid identify");
            root.set("settings", s.toJson());
            root.put("data_fingerprint", fingerprint);
            root.put("wall_time_s", logs.wallTime());
            root.set("initial", array(initial));
            ObjectNode o = root.putObject("state");
            o.put("epoch", st.epoch());
            o.put("phase", st.phase());
            o.put("phase_epoch", st.phaseEpoch());
            o.put("normalization", st.normalization());
            o.set("theta", array(st.theta()));
            o.put("adam_steps", st.adamSteps());
            o.set("adam_first_moments", array(st.adamFirst()));
            o.set("adam_second_moments", array(st.adamSecond()));
            writeAtomically(out.resolve(CHECKPOINT), MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Identification.State state(JsonNode o) throws IOException {
        if (o == null) {
            throw new IOException(CHECKPOINT + ": no state");
        }
        return new Identification.State(o.get("epoch").asInt(), o.get("phase").asInt(), o.get("phase_epoch").asInt(),
                doubles(o.get("theta")), o.get("adam_steps").asInt(), doubles(o.get("adam_first_moments")),
                doubles(o.get("adam_second_moments")), o.get("normalization").asDouble());
    }

    // ------------------------------------------------------------------------------------------------ result

    private static ObjectNode result(Settings s, DatasetReader.Data data, ParameterRegistry reg, BaseParameters base,
                                     double[] initial, double[] theta, int[] selected, double finalLoss,
                                     Identification.State fin, List<String> history) {
        boolean known = data.hasGroundTruth();
        double[] gt = reg.groundTruth();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("created_by", "armid identify");
        root.set("settings", s.toJson());
        root.put("samples", data.motion().samples());
        root.put("sample_rate", data.motion().sampleRate());
        root.put("fiber_kinematics", data.motion().hasFiberKinematics());
        root.put("ground_truth_known", known);
        root.put("epochs_done", fin.epoch());
        root.put("normalization", fin.normalization());
        ObjectNode metrics = root.putObject("metrics");
        ObjectNode ini = metrics.putObject("initial");
        putMetric(ini, "cr1_percent", known ? Metrics.cr1(initial, gt, selected) : Double.NaN);
        putMetric(ini, "cr2_percent", known ? Metrics.cr2(initial, gt, selected) : Double.NaN);
        putMetric(ini, "cr2m_percent", known ? Metrics.cr2Muscle(initial, gt, selected) : Double.NaN);
        ObjectNode fm = metrics.putObject("final");
        putMetric(fm, "loss", finalLoss);
        putMetric(fm, "cr1_percent", known ? Metrics.cr1(theta, gt, selected) : Double.NaN);
        putMetric(fm, "cr2_percent", known ? Metrics.cr2(theta, gt, selected) : Double.NaN);
        putMetric(fm, "cr2m_percent", known ? Metrics.cr2Muscle(theta, gt, selected) : Double.NaN);
        if (!history.isEmpty()) {
            // The last epoch's row of the history (metrics at the parameters before its Adam step).
            ObjectNode le = metrics.putObject("last_epoch");
            String[] names = historyHeader(base.count()).split(",");
            String[] vals = history.get(history.size() - 1).split(",");
            for (int k = 0; k < names.length && k < vals.length; k++) {
                if (k == 0) {
                    le.put(names[k], Integer.parseInt(vals[k]));
                } else if (k == 1) {
                    le.put(names[k], vals[k]);
                } else {
                    putMetric(le, names[k], Double.parseDouble(vals[k]));
                }
            }
        }
        ArrayNode ps = root.putArray("parameters");
        for (int i = 0; i < reg.size(); i++) {
            ParameterDriver p = reg.driver(i);
            ObjectNode o = ps.addObject();
            o.put("name", p.name());
            o.put("selected", p.isSelected());
            if (p.fixedReason() != null) {
                o.put("held", p.fixedReason());
            }
            if (known) {
                o.put("ground_truth", gt[i]);
            } else {
                o.putNull("ground_truth");
            }
            o.put("initial", initial[i]);
            o.put("estimate", theta[i]);
            if (known && gt[i] != 0) {
                o.put("error_percent", 100 * (theta[i] - gt[i]) / Math.abs(gt[i]));
                o.put("initial_error_percent", 100 * (initial[i] - gt[i]) / Math.abs(gt[i]));
            } else {
                o.putNull("error_percent");
            }
        }
        if (s.method == IdentificationLoss.Method.M1) {
            ArrayNode ni = root.putArray("not_identifiable");
            for (var n : ParameterRegistry.notIdentifiableInM1()) {
                ni.addObject().put("muscle", n.muscle()).put("reason", n.reason());
            }
        }
        ObjectNode b = root.putObject("base_coefficients");
        ArrayNode names = b.putArray("names");
        for (String n : base.names()) {
            names.add(n);
        }
        if (known) {
            b.set("ground_truth", array(base.coefficients(gt)));
        }
        b.set("initial", array(base.coefficients(initial)));
        b.set("estimate", array(base.coefficients(theta)));
        return root;
    }

    private static void putMetric(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    // ------------------------------------------------------------------------------------------------ files

    /** Writes {@code bytes} to a temporary file beside {@code target} and moves it over {@code target}. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static ArrayNode array(double[] a) {
        ArrayNode n = MAPPER.createArrayNode();
        for (double v : a) {
            n.add(v);
        }
        return n;
    }

    private static double[] doubles(JsonNode a) throws IOException {
        if (a == null || !a.isArray()) {
            throw new IOException(CHECKPOINT + ": expected an array of numbers");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** The JSON mapper used for the job's files (indented). */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
