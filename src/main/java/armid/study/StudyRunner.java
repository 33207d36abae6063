package armid.study;

import armid.identify.Identification;
import armid.identify.IdentificationJob;
import armid.identify.IdentificationLoss;
import armid.model.Model;
import armid.model.mechanics.MultibodySystem;
import armid.osim.BundledModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Runs every identification of a study, {@code parallel} at a time, each on {@code threads} threads. A run whose
 * result.json exists is finished and left alone; one with a checkpoint continues from it (with the thread count it
 * started with, so it ends exactly where it would have ended uninterrupted); one stopped before its first checkpoint
 * starts again.
 */
public final class StudyRunner {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Progress callbacks; called from the worker threads. */
    public interface Listener {
        /** A run starts or resumes with {@code done} of {@code total} epochs done. */
        default void started(Study.Run run, int total, int done) {
        }

        default void epoch(Study.Run run, int epochsDone) {
        }

        /** A run ended: finished, or stopped (on request) with its checkpoint written. */
        default void ended(Study.Run run, IdentificationJob.Outcome outcome) {
        }

        default void failed(Study.Run run, Exception e) {
        }

        /** Polled after every epoch and before every run: true stops the study (checkpoints written). */
        default boolean stopRequested() {
            return false;
        }
    }

    /** A run that failed, with the reason. */
    public record Failure(Study.Run run, String message) {
    }

    /**
     * What {@link #run} did.
     *
     * @param runs            runs of the study
     * @param alreadyFinished finished before this call
     * @param finished        finished by this call
     * @param failed          failed (the others went on)
     * @param stopped         true when some runs stopped before their end (on request, or after {@code stopAfter})
     */
    public record Summary(int runs, int alreadyFinished, int finished, List<Failure> failed, boolean stopped) {
        public boolean complete() {
            return alreadyFinished + finished == runs;
        }
    }

    /**
     * Session settings that change nothing a run computes (a resumed run keeps its own thread count).
     *
     * @param parallel  runs at a time
     * @param threads   worker threads per new run
     * @param stopAfter stop every run after this many epochs (checkpointed, as if interrupted); null: no limit
     */
    public record Session(int parallel, int threads, Integer stopAfter) {
        public Session {
            if (parallel < 1 || threads < 1) {
                throw new IllegalArgumentException("--parallel and --threads must be >= 1");
            }
        }

    }

    private StudyRunner() {
    }

    /** Epochs done by a run according to its folder (result.json: all of them; else the checkpoint's). */
    public static int epochsDone(Path study, Study.Run run, StudySettings s) {
        Path dir = run.folder(study);
        if (run.finished(study)) {
            return s.epochs() + s.tendonEpochs();
        }
        Path cp = dir.resolve(IdentificationJob.CHECKPOINT);
        if (Files.isRegularFile(cp)) {
            try {
                return MAPPER.readTree(cp.toFile()).path("state").path("epoch").asInt(0);
            } catch (IOException e) {
                return 0;
            }
        }
        return 0;
    }

    /** Runs (or continues) every run of {@code s} in {@code study}; the datasets must exist. */
    public static Summary run(Path study, StudySettings s, Session session, Listener listener)
            throws InterruptedException {
        Listener l = listener == null ? new Listener() { } : listener;
        List<Study.Run> runs = Study.runs(s);
        List<Study.Run> todo = new ArrayList<>();
        int already = 0;
        for (Study.Run r : runs) {
            if (r.finished(study)) {
                already++;
            } else {
                todo.add(r);
            }
        }
        // The longer M2 runs first, so that runs side by side end together (M1 models 11 muscles, M2 all 16).
        todo.sort(Comparator.comparing((Study.Run r) -> r.method() == IdentificationLoss.Method.M1));
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        // One model for all runs, and each movement's motion tables (paths, regressors) computed once for its runs.
        Model model = BundledModels.moblArms();
        IdentificationJob.SharedTables tables = new IdentificationJob.SharedTables(
                MultibodySystem.of(model, BundledModels.defaultLocks(model)));
        AtomicBoolean stop = new AtomicBoolean();
        int[] counts = {0, 0}; // finished, stopped (or not started after a stop)
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(session.parallel(), Math.max(1, todo.size())),
                r -> {
                    Thread t = new Thread(r, "armid-study");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Study.Run r : todo) {
                futures.add(pool.submit(() -> {
                    if (stop.get() || l.stopRequested()) {
                        stop.set(true);
                        synchronized (counts) {
                            counts[1]++;
                        }
                        return;
                    }
                    try {
                        IdentificationJob.Outcome o = runOne(study, s, session, r, l, stop, model, tables);
                        synchronized (counts) {
                            counts[o.finished() ? 0 : 1]++;
                        }
                        l.ended(r, o);
                    } catch (Exception e) {
                        failures.add(new Failure(r, e.getMessage() == null ? e.toString() : e.getMessage()));
                        l.failed(r, e);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Summary(runs.size(), already, counts[0], List.copyOf(failures), counts[1] > 0);
    }

    private static IdentificationJob.Outcome runOne(Path study, StudySettings s, Session session, Study.Run r,
                                                    Listener l, AtomicBoolean stop, Model model,
                                                    IdentificationJob.SharedTables tables) throws IOException {
        Path dir = r.folder(study);
        boolean resume = Files.isRegularFile(dir.resolve(IdentificationJob.CHECKPOINT));
        if (!resume && Files.exists(dir)) {
            deleteTree(dir); // stopped before its first checkpoint: nothing to continue from
        }
        Files.createDirectories(dir.getParent());
        Path data = Study.dataset(study, s, r.movement());
        IdentificationJob.Config c = resume
                ? new IdentificationJob.Config(data, r.method(), (long) r.seed(), s.initError(), s.epochs(),
                        s.tendonEpochs(), s.learningRate(), null, dir, true, null, session.stopAfter(),
                        s.parametersEvery())
                : new IdentificationJob.Config(data, r.method(), (long) r.seed(), s.initError(), s.epochs(),
                        s.tendonEpochs(), s.learningRate(), session.threads(), dir, false, null,
                        session.stopAfter(), s.parametersEvery());
        return IdentificationJob.run(c, model, tables.system(), new IdentificationJob.Progress() {
            @Override
            public void begin(int total, int done, String description) {
                l.started(r, total, done);
            }

            @Override
            public void epoch(Identification.Epoch e) {
                l.epoch(r, e.epoch() + 1);
            }

            @Override
            public boolean stopRequested() {
                if (l.stopRequested()) {
                    stop.set(true);
                }
                return stop.get();
            }
        }, tables);
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** The result.json of a finished run, null otherwise. */
    public static JsonNode result(Path study, Study.Run r) throws IOException {
        Path f = r.folder(study).resolve(IdentificationJob.RESULT);
        return Files.isRegularFile(f) ? MAPPER.readTree(f.toFile()) : null;
    }
}
