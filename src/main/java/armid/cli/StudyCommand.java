package armid.cli;

import armid.identify.IdentificationJob;
import armid.identify.IdentificationLoss;
import armid.report.StudyReport;
import armid.study.Study;
import armid.study.StudyRunner;
import armid.study.StudySettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code armid study}: the paper's comparative study (IV) in one folder: simulates the movements (or takes them with
 * {@code --data}), runs every identification (movements × seeds × methods) on every core, continues an
 * interrupted study without redoing finished runs, and writes the figures, tables and report.html.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run the paper's comparative study (IV): movements x seeded initial guesses x methods M1 and "
                + "M2, each an identification run, then the figures (Fig. 4, Fig. 5), tables and report.html.",
            "Run it again on the same --out to continue after an interruption: finished runs are kept, stopped ones "
                + "continue from their checkpoints."})
final class StudyCommand implements Callable<Integer> {
    @Option(names = "--movements", split = ",", paramLabel = "K", description = "Movements, e.g. 1,2 (default 1,2).")
    List<Integer> movements;

    @Option(names = "--seeds", paramLabel = "N", description = "Initial guesses per movement, seeds 1..N (default 5).")
    Integer seeds;

    @Option(names = "--methods", split = ",", paramLabel = "M", description = "Methods, e.g. M1,M2 (default M1,M2).")
    List<IdentificationLoss.Method> methods;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs with eq. 15 (default 10000).")
    Integer epochs;

    @Option(names = "--tendon-epochs", paramLabel = "N", description = "Epochs with eq. 16 (default 2000).")
    Integer tendonEpochs;

    @Option(names = "--init-error", paramLabel = "R", description = "Initial guess N(gt, (R gt)^2) (default 0.1).")
    Double initError;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default 3e-3).")
    Double lr;

    @Option(names = "--duration", paramLabel = "S", description = "Simulated seconds per movement (default 10).")
    Double duration;

    @Option(names = "--rate", paramLabel = "HZ", description = "Sample rate of the simulated data (default 1000).")
    Double rate;

    @Option(names = "--tolerance", paramLabel = "TOL", description = "Simulator tolerance (default 1e-10).")
    Double tolerance;

    @Option(names = "--movement-seed", paramLabel = "N", description = "Seed of the simulated movements (default 1).")
    Long movementSeed;

    @Option(names = "--subject-seed", paramLabel = "N", description = "Seed of a perturbed simulated subject "
            + "(default 0: the model's own parameters, as in the paper).")
    Long subjectSeed;

    @Option(names = "--data", arity = "1..*", paramLabel = "DIR", description = "Dataset folders, one per movement "
            + "in --movements order, instead of simulating.")
    List<Path> data;

    @Option(names = "--parameters-every", paramLabel = "N", description = "Epochs between rows of each run's "
            + "parameters.csv (default 10).")
    Integer parametersEvery;

    @Option(names = "--parallel", paramLabel = "N", description = "Runs at a time (default: the processors, one "
            + "thread each).")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "N", description = "Threads per run (default: processors / "
            + "--parallel).")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Study folder (new, empty, or a "
            + "study to continue).")
    Path out;

    @Option(names = "--no-progress", description = "Do not show progress bars.")
    boolean noProgress;

    @Option(names = "--stop-after", hidden = true, paramLabel = "N", description = "Stop every run after N epochs, "
            + "as if interrupted.")
    Integer stopAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var given = new StudySettings.Given(movements, seeds, methods, epochs, tendonEpochs, initError, lr, duration,
                rate, tolerance, movementSeed, subjectSeed, data, parametersEvery);
        return execute(spec.root().commandLine(), spec.commandLine().getOut(), out, given, StudySettings.paper(),
                parallel, threads, stopAfter, !noProgress);
    }

    /** Runs or continues the study in {@code dir}; builds its report; returns the exit code. */
    static int execute(CommandLine root, PrintWriter w, Path dir, StudySettings.Given given,
                       StudySettings defaults, Integer parallel, Integer threads, Integer stopAfter,
                       boolean progress) throws Exception {
        StudySettings saved = StudySettings.read(dir);
        if (saved == null && Files.exists(dir) && !(Files.isDirectory(dir) && isEmpty(dir))) {
            throw new IllegalArgumentException(dir + " exists and holds no " + Study.SETTINGS + "; give a new or "
                    + "empty folder, or a study folder to continue");
        }
        StudySettings s = StudySettings.resolve(given, saved, defaults);
        for (Path d : s.data()) {
            if (!Files.isDirectory(d)) {
                throw new IllegalArgumentException("--data: " + d + " is not a dataset folder");
            }
        }
        List<Study.Run> runs = Study.runs(s);
        int total = s.epochs() + s.tendonEpochs();
        int cores = Runtime.getRuntime().availableProcessors();
        // By default one single-threaded run per processor: runs share nothing while an epoch's threads meet
        // several times per epoch, and on two idle cores two M2 runs side by side did 14 % more epochs per second
        // than one run on two threads (README).
        int par = parallel != null ? parallel : Math.max(1, Math.min(cores, runs.size()));
        var session = new StudyRunner.Session(par, threads != null ? threads : Math.max(1, cores / par), stopAfter);
        s.write(dir, Version.current());
        w.printf("Study in %s: %s; %d run(s) of %d + %d epochs, %d at a time on %d thread(s) each%s%n",
                dir.toAbsolutePath(), describe(s), runs.size(), s.epochs(), s.tendonEpochs(), session.parallel(),
                session.threads(), saved == null ? "" : " (continued)");
        w.flush();

        // Datasets: simulated once each (a dataset folder appears whole or not at all); several missing ones side by
        // side, one thread each, when there are processors for them.
        if (s.data().isEmpty()) {
            List<List<String>> sims = new ArrayList<>();
            for (int m : s.movements()) {
                Path d = Study.simulatedDataset(dir, m);
                if (Files.isDirectory(d) && Files.isRegularFile(d.resolve("dataset.json"))) {
                    continue;
                }
                boolean template = s.subjectSeed() == StudySettings.TEMPLATE_SUBJECT;
                w.printf("Simulating movement %d: %s s at %s Hz (movement seed %d, %s)%n", m,
                        plain(s.duration()), plain(s.rate()), s.movementSeed(),
                        template ? "the model's own parameters" : "subject seed " + s.subjectSeed());
                List<String> a = new ArrayList<>(List.of("simulate", "--movement", "" + m, "--duration",
                        Double.toString(s.duration()), "--rate", Double.toString(s.rate()), "--seed",
                        Long.toString(s.movementSeed()), "--tolerance", Double.toString(s.tolerance()), "--out",
                        d.toString()));
                if (!template) {
                    a.addAll(List.of("--subject-seed", Long.toString(s.subjectSeed())));
                }
                if (!progress) {
                    a.add("--no-progress");
                }
                sims.add(a);
            }
            w.flush();
            int code = simulate(root, sims, cores);
            if (code != 0) {
                return code;
            }
        }

        // Runs, with Ctrl-C finishing the current epochs and writing checkpoints.
        Map<Study.Run, Integer> epochsDone = new ConcurrentHashMap<>();
        int already = 0;
        for (Study.Run r : runs) {
            epochsDone.put(r, StudyRunner.epochsDone(dir, r, s));
            already += r.finished(dir) ? 1 : 0;
        }
        AtomicInteger finished = new AtomicInteger(already);
        Map<Study.Run, Boolean> active = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "armid-study-checkpoint");
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressBar bar = progress && already < runs.size() ? new ProgressBarBuilder().setTaskName("study")
                .setInitialMax((long) total * runs.size()).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" epochs", 1).setUpdateIntervalMillis(500).continuousUpdate()
                .startsFrom(sum(epochsDone), java.time.Duration.ZERO).build() : null;
        Runnable show = () -> {
            if (bar != null) {
                synchronized (bar) {
                    bar.stepTo(sum(epochsDone));
                    StringBuilder sb = new StringBuilder(" runs " + finished.get() + "/" + runs.size() + " done");
                    for (Study.Run r : active.keySet()) {
                        sb.append(" | ").append(r.id()).append(' ').append(epochsDone.get(r)).append('/')
                                .append(total);
                    }
                    bar.setExtraMessage(sb.toString());
                }
            }
        };
        show.run();
        StudyRunner.Summary sum;
        try {
            try {
                sum = StudyRunner.run(dir, s, session, new StudyRunner.Listener() {
                    @Override
                    public void started(Study.Run run, int t, int d) {
                        active.put(run, true);
                        epochsDone.put(run, d);
                        show.run();
                    }

                    @Override
                    public void epoch(Study.Run run, int n) {
                        epochsDone.put(run, n);
                        show.run();
                    }

                    @Override
                    public void ended(Study.Run run, IdentificationJob.Outcome o) {
                        active.remove(run);
                        epochsDone.put(run, o.epochsDone());
                        int f = o.finished() ? finished.incrementAndGet() : finished.get();
                        show.run();
                        if (bar == null) {
                            synchronized (w) {
                                w.printf("  %s %s after %d epochs (%d/%d runs finished)%n", run.id(),
                                        o.finished() ? "finished" : "stopped", o.epochsDone(), f, runs.size());
                                w.flush();
                            }
                        }
                    }

                    @Override
                    public void failed(Study.Run run, Exception e) {
                        active.remove(run);
                        show.run();
                    }

                    @Override
                    public boolean stopRequested() {
                        return stop.get();
                    }
                });
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            return summarise(w, dir, sum, stop.get());
        } finally {
            // Ctrl-C: the hook returns (and the JVM exits) once the checkpoints are written and the summary printed.
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }

    private static int summarise(PrintWriter w, Path dir, StudyRunner.Summary sum, boolean interrupted)
            throws java.io.IOException {
        for (StudyRunner.Failure f : sum.failed()) {
            w.printf("run %s failed: %s%n", f.run().id(), f.message());
        }
        if (interrupted) {
            w.printf("Stopped; checkpoints written. Continue with: armid study --out %s%n", dir);
            w.flush();
            return 0;
        }
        int finishedRuns = sum.alreadyFinished() + sum.finished();
        w.printf("%d of %d runs finished%s%n", finishedRuns, sum.runs(),
                sum.alreadyFinished() > 0 ? " (" + sum.alreadyFinished() + " before this session)" : "");
        if (finishedRuns > 0) {
            Path html = StudyReport.write(dir, Version.current());
            w.println();
            w.print(StudyReport.criteriaMarkdown(dir));
            w.printf("%nReport: %s%n", html.toAbsolutePath());
        }
        if (sum.stopped()) {
            w.printf("Some runs stopped early; continue with: armid study --out %s%n", dir);
        }
        w.flush();
        return sum.failed().isEmpty() ? 0 : 1;
    }

    private static long sum(Map<Study.Run, Integer> m) {
        long s = 0;
        for (int v : m.values()) {
            s += v;
        }
        return s;
    }

    private static String describe(StudySettings s) {
        return "movements " + join(s.movements()) + " x seeds 1.." + s.seeds() + " x " + join(s.methods());
    }

    private static String join(List<?> xs) {
        return String.join(",", xs.stream().map(String::valueOf).toList());
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var st = Files.list(dir)) {
            return st.findAny().isEmpty();
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Runs the simulate commands {@code sims}, at most {@code cores} at a time; side by side each runs on one thread
     * (two movements on two cores finish sooner this way than one after the other on two threads each). Each gets its
     * own command line with the root's writers and exception handler; the first non-zero exit code is returned.
     */
    private static int simulate(CommandLine root, List<List<String>> sims, int cores) throws InterruptedException {
        if (sims.isEmpty()) {
            return 0;
        }
        int parallel = Math.max(1, Math.min(cores, sims.size()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        try {
            List<java.util.concurrent.Future<Integer>> codes = new ArrayList<>();
            for (List<String> a : sims) {
                List<String> args = new ArrayList<>(a);
                if (parallel > 1) {
                    args.addAll(List.of("--threads", "1"));
                }
                codes.add(pool.submit(() -> {
                    CommandLine cl = new CommandLine(new Main()).setOut(root.getOut()).setErr(root.getErr());
                    cl.setExecutionExceptionHandler(root.getExecutionExceptionHandler());
                    return cl.execute(args.toArray(String[]::new));
                }));
            }
            int result = 0;
            for (var f : codes) {
                try {
                    int c = f.get();
                    result = result != 0 ? result : c;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
                }
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }
}
