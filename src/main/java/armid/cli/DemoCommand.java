package armid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code armid demo}: the whole pipeline on the bundled model, shortened: the model summary, a simulated movement
 * with its synthesised EMG (the ground truth), then identification without deep-muscle EMG (M1) and with all EMG (M2)
 * from a seeded 10 % initial guess, with the paper's criteria before and after.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the main job on the bundled MoBL-ARMS model: simulate, identify (M1 and M2), evaluate.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "1.0", description = "Simulated seconds (default ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--rate", defaultValue = "200", description = "Sample rate in Hz (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--epochs", defaultValue = "300", description = "Epochs with eq. 15 (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--tendon-epochs", defaultValue = "50",
            description = "Epochs on tendon slack length with eq. 16 (default ${DEFAULT-VALUE}).")
    int tendonEpochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of movement and initial guess.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: armid-demo-<date-time> in the current folder).")
    Path out;

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
        CommandLine cl = spec.root().commandLine();
        ModelOptions mo = new ModelOptions();
        ModelInfoCommand.printSummary(mo.open(), w);
        w.println();
        w.printf("1/3 Simulating movement 1: %.2f s at %.0f Hz, synthesised EMG of 16 muscles (seed %d)%n", duration,
                rate, seed);
        w.flush();
        Path data = dir.resolve("dataset");
        int code = cl.execute("simulate", "--movement", "1", "--duration", Double.toString(duration), "--rate",
                Double.toString(rate), "--seed", Long.toString(seed), "--subject-seed", Long.toString(seed),
                "--no-progress", "--out", data.toString());
        if (code != 0) {
            return code;
        }
        String[][] runs = {{"M1", "2/3 Identifying without deep-muscle EMG (M1)"},
            {"M2", "3/3 Identifying with every muscle's EMG (M2)"}};
        JsonNode[] results = new JsonNode[2];
        for (int k = 0; k < 2; k++) {
            w.printf("%s: %d + %d epochs from a 10 %% initial guess (seed %d)%n", runs[k][1], epochs, tendonEpochs,
                    seed);
            w.flush();
            Path o = dir.resolve("identify-" + runs[k][0]);
            code = cl.execute("identify", "--data", data.toString(), "--method", runs[k][0], "--seed",
                    Long.toString(seed), "--epochs", Integer.toString(epochs), "--tendon-epochs",
                    Integer.toString(tendonEpochs), "--no-progress", "--out", o.toString());
            if (code != 0) {
                return code;
            }
            results[k] = Json.MAPPER.readTree(o.resolve("result.json").toFile());
        }
        w.println();
        w.printf("%-7s %12s %12s %12s %12s %12s %12s%n", "method", "Cr1 start", "Cr1 end", "Cr2 start", "Cr2 end",
                "Cr2^m start", "Cr2^m end");
        for (int k = 0; k < 2; k++) {
            JsonNode m = results[k].get("metrics");
            w.printf("%-7s %11.2f%% %11.2f%% %11.2f%% %11.2f%% %11.2f%% %11.2f%%%n", runs[k][0],
                    m.get("initial").get("cr1_percent").asDouble(), m.get("final").get("cr1_percent").asDouble(),
                    m.get("initial").get("cr2_percent").asDouble(), m.get("final").get("cr2_percent").asDouble(),
                    m.get("initial").get("cr2m_percent").asDouble(), m.get("final").get("cr2m_percent").asDouble());
        }
        w.printf("%nDataset, results (result.json, history.csv) and checkpoints in %s%n", dir.toAbsolutePath());
        w.println("This is a shortened schedule; the paper runs 10,000 + 2,000 epochs on 10 s of data "
                + "(armid identify --epochs 10000 --tendon-epochs 2000).");
        w.flush();
        return 0;
    }
}
