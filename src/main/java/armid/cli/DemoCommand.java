package armid.cli;

import armid.identify.IdentificationLoss;
import armid.study.StudySettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code armid demo}: the whole pipeline in small on the bundled model: the model summary, then a small comparative
 * study ({@link StudyCommand}): one simulated movement with its synthesised EMG (the ground truth), identification
 * without deep-muscle EMG (M1) and with all EMG (M2) from two seeded 10 % initial guesses on a shortened schedule,
 * and the report with the paper's figures and criteria.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the main job in small on the bundled MoBL-ARMS model: simulate a movement, identify with "
                + "M1 and M2 from two seeded initial guesses, write the report (figures, tables, report.html).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "1.0", description = "Simulated seconds (default ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--rate", defaultValue = "200", description = "Sample rate in Hz (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--epochs", defaultValue = "1500", description = "Epochs with eq. 15 (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--tendon-epochs", defaultValue = "300",
            description = "Epochs on tendon slack length with eq. 16 (default ${DEFAULT-VALUE}).")
    int tendonEpochs;

    @Option(names = "--seeds", defaultValue = "2", description = "Initial guesses, seeds 1..N (default "
            + "${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Study folder (default: armid-demo-<date-time> in the current folder).")
    Path out;

    @Option(names = "--no-progress", description = "Do not show progress bars.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Path dir = out != null ? out : Path.of("armid-demo-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            throw new IllegalArgumentException(dir + " exists and is not empty; choose another --out");
        }
        long t0 = System.nanoTime();
        ModelInfoCommand.printSummary(new ModelOptions().open(), w);
        w.println();
        w.printf("Demo: movement 1 simulated for %s s at %s Hz, then M1 (without deep-muscle EMG) and M2 (with all "
                + "EMG) from %d seeded 10 %% initial guesses, %d + %d epochs each%n", duration, rate, seeds, epochs,
                tendonEpochs);
        w.flush();
        StudySettings paper = StudySettings.paper();
        var given = new StudySettings.Given(List.of(1), seeds, List.of(IdentificationLoss.Method.M1,
                IdentificationLoss.Method.M2), epochs, tendonEpochs, null, null, duration, rate, null, null, null,
                null, Math.max(1, (epochs + tendonEpochs) / 300));
        int code = StudyCommand.execute(spec.root().commandLine(), w, dir, given, paper, null, null, null,
                !noProgress);
        w.printf("Demo done in %.0f s. This is a shortened schedule; the paper's study is armid study --out DIR "
                + "(2 movements of 10 s at 1 kHz x 5 seeds x M1, M2, 10,000 + 2,000 epochs each).%n",
                (System.nanoTime() - t0) * 1e-9);
        Path html = dir.resolve(armid.study.Study.REPORT);
        if (Files.isRegularFile(html)) {
            w.printf("Open the report: %s%n", html.toAbsolutePath());
        }
        w.flush();
        return code;
    }
}
