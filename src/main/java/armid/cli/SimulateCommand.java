package armid.cli;

import armid.io.StorageFile;
import armid.model.Model;
import armid.osim.BundledModels;
import armid.simulate.ArmPlant;
import armid.simulate.Dataset;
import armid.simulate.ForwardSimulation;
import armid.simulate.GroundTruth;
import armid.simulate.ReferenceSimulator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code armid simulate}: the ground-truth simulator. Either a default movement driven by synthesised EMG
 * ({@code --movement 1|2}) or known excitations ({@code --excitations FILE.sto}); writes a dataset folder.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate the MoBL-ARMS arm (constrained forward dynamics, the paper's 16 Millard muscles, "
                + "gravity) and write a dataset folder (.sto files + dataset.json + ground_truth.json).",
            "Either --movement 1|2 (synthesised irregular EMG from an online controller) or --excitations FILE.sto "
                + "(one column per muscle, linearly interpolated; the EMG filter is bypassed)."})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--movement", paramLabel = "1|2", description = "Default movement 1 (reaching) or 2 "
            + "(abduction and rotation).")
    Integer movement;

    @Option(names = "--excitations", paramLabel = "FILE.sto", description = "Known excitations: a time column and "
            + "one column per muscle (PECM1 ... PQ), values in [0, 1].")
    Path excitations;

    @Option(names = "--duration", paramLabel = "S", description = "Duration in seconds (default 10 for a movement; "
            + "required with --excitations).")
    Double duration;

    @Option(names = "--rate", paramLabel = "HZ", description = "Output sample rate (default 1000; required with "
            + "--excitations).")
    Double rate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the movement's reference and EMG "
            + "(default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--subject-seed", paramLabel = "N", description = "Simulate a perturbed subject (parameters "
            + "scaled by 1 + 0.1 N(0,1)) drawn with this seed, instead of the model's values.")
    Long subjectSeed;

    @Option(names = "--initial-activation", paramLabel = "A", description = "With --excitations: initial activation "
            + "of every muscle (default: its excitation at t = 0).")
    Double initialActivation;

    @Option(names = "--q", paramLabel = "NAME=VALUE", split = ",", description = "With --excitations: initial "
            + "independent coordinates (radians; 'deg' suffix for degrees); model defaults otherwise.")
    Map<String, String> q;

    @Option(names = "--tolerance", defaultValue = "1e-10", description = "Integrator tolerance (relative, and "
            + "absolute on positions, speeds, activations; default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--with-other-muscles", paramLabel = "A", description = "Also simulate the model's other 34 "
            + "muscles at this constant activation (off by default: eq. 1 has no term for them).")
    Double otherMuscles;

    @Option(names = "--with-ligaments", description = "Also apply the model's ligaments (off by default).")
    boolean ligaments;

    @Option(names = "--with-limit-forces", description = "Also apply the model's coordinate limit forces (off by "
            + "default).")
    boolean limitForces;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset folder to create (must "
            + "not exist).")
    Path out;

    @Option(names = "--threads", paramLabel = "1|2", description = "Threads of the right-hand side (default 2 where "
            + "there are two processors or more; the results are identical).")
    Integer threads;

    @Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((movement == null) == (excitations == null)) {
            throw new IllegalArgumentException("give either --movement 1|2 or --excitations FILE.sto");
        }
        if (Files.exists(out) && !(Files.isDirectory(out) && isEmpty(out))) {
            throw new IllegalArgumentException(out + " exists; give a new folder for the dataset");
        }
        if (excitations != null && (duration == null || rate == null)) {
            throw new IllegalArgumentException("--excitations needs --duration and --rate");
        }
        if (movement != null && (initialActivation != null || q != null)) {
            throw new IllegalArgumentException("--initial-activation and --q apply to --excitations only");
        }
        double dur = duration == null ? 10.0 : duration;
        double hz = rate == null ? 1000.0 : rate;
        Model model = BundledModels.moblArms();
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        if (subjectSeed != null) {
            truth = truth.perturbed(subjectSeed);
        }
        ArmPlant.Options options = new ArmPlant.Options(otherMuscles != null,
                otherMuscles == null ? 0.0 : otherMuscles, ligaments, limitForces);
        if (otherMuscles != null && !(otherMuscles >= 0 && otherMuscles <= 1)) {
            throw new IllegalArgumentException("--with-other-muscles: activation must be in [0, 1]");
        }
        var setup = new ReferenceSimulator.Setup(model, BundledModels.MOBL_ARMS,
                ReferenceSimulator.sha256(BundledModels.moblArmsBytes()), BundledModels.defaultLocks(model), truth,
                options, tolerance, dur, hz);
        PrintWriter w = spec.commandLine().getOut();
        int nThreads = threads == null ? ReferenceSimulator.defaultThreads() : threads;
        if (nThreads != 1 && nThreads != 2) {
            throw new IllegalArgumentException("--threads must be 1 or 2, got " + nThreads);
        }
        Dataset data;
        String what = movement != null ? "movement " + movement : excitations.getFileName().toString();
        try (ProgressBar bar = noProgress ? null : new ProgressBarBuilder().setTaskName("simulate " + what)
                .setInitialMax(setup.samples()).setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1)
                .setUpdateIntervalMillis(500).continuousUpdate().build()) {
            java.util.function.IntConsumer progress = bar == null ? null : k -> bar.stepTo(k + 1);
            if (movement != null) {
                data = ReferenceSimulator.movement(setup, movement, seed, nThreads, progress);
            } else {
                StorageFile table = StorageFile.read(excitations);
                data = ReferenceSimulator.withExcitations(setup, table,
                        initialActivation == null ? Double.NaN : initialActivation, Values.parseAll(q, "--q"),
                        nThreads, progress);
            }
        }
        data.write(out);
        var d = data.description();
        // one print, so that simulations side by side do not interleave their summaries
        java.util.Formatter t = new java.util.Formatter();
        t.format("%d samples (%.3f s at %.0f Hz) written to %s in %.1f s (%d right-hand sides, %d steps)%n",
                data.samples(), dur, hz, out.toAbsolutePath(), d.get("wall_time_s").asDouble(),
                d.get("integrator").get("evaluations").asLong(), d.get("integrator").get("steps").asLong());
        for (var c : d.get("coordinates")) {
            if (c.get("independent").asBoolean()) {
                t.format("  %-14s %8.3f .. %8.3f rad  (%.0f %% of its range%s)%n", c.get("name").asText(),
                        c.get("simulated_range").get(0).asDouble(), c.get("simulated_range").get(1).asDouble(),
                        100 * c.get("range_fraction_swept").asDouble(),
                        c.get("inside_range").asBoolean() ? "" : ", OUTSIDE the range");
            }
        }
        w.print(t);
        w.flush();
        return 0;
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static {
        // keep the default tolerance in one place
        assert ForwardSimulation.DEFAULT_TOLERANCE == 1e-10;
    }
}
