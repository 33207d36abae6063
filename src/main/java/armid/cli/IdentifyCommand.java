package armid.cli;

import armid.identify.Identification;
import armid.identify.IdentificationJob;
import armid.identify.IdentificationLoss;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code armid identify}: identifies the arm's parameters from a dataset folder with the paper's M1 (superficial EMG
 * only) or M2 (all EMG), writing history.csv, checkpoint.json and result.json into the output folder; {@code --resume}
 * continues a stopped run from its checkpoint.
 */
@Command(name = "identify", mixinStandardHelpOptions = true,
        description = {"Identify bone inertial and muscle-tendon parameters from a dataset folder (the paper's "
                + "full-batch Adam: --epochs with eq. 15, then --tendon-epochs on tendon slack length with eq. 16).",
            "Writes history.csv (per epoch), checkpoint.json (every --checkpoint-every epochs) and result.json into "
                + "--out; a stopped run continues with --resume and ends where it would have ended."})
final class IdentifyCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (armid simulate's format); with "
            + "--resume the checkpoint's by default.")
    Path data;

    @Option(names = "--method", paramLabel = "M1|M2", description = "M1: superficial EMG only, deep-muscle forces "
            + "by least squares (the paper's method); M2: all 16 muscles from their EMG.")
    IdentificationLoss.Method method;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial guess (default 1).")
    Long seed;

    @Option(names = "--init-error", paramLabel = "R", description = "Initial guess N(gt, (R gt)^2) (default 0.1).")
    Double initError;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs with eq. 15 (default 10000).")
    Integer epochs;

    @Option(names = "--tendon-epochs", paramLabel = "N", description = "Epochs on tendon slack length with eq. 16 "
            + "(default 2000).")
    Integer tendonEpochs;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate on normalised parameters "
            + "(default 3e-3).")
    Double lr;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Epochs between checkpoints (default "
            + "100).")
    Integer checkpointEvery;

    @Option(names = "--parameters-every", paramLabel = "N", description = "Epochs between rows of parameters.csv "
            + "(default 10; its last row is the estimate).")
    Integer parametersEvery;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty; with "
            + "--resume the folder of the run to continue).")
    Path out;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is in --out.")
    boolean resume;

    @Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    @Option(names = "--stop-after", hidden = true, paramLabel = "N", description = "Stop after N epochs in all, as "
            + "if killed (checkpoint written).")
    Integer stopAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        var config = new IdentificationJob.Config(data, method, seed, initError, epochs, tendonEpochs, lr, threads,
                out, resume, checkpointEvery, stopAfter, parametersEvery);
        ProgressBar[] bar = {null};
        IdentificationJob.Outcome o;
        // Ctrl-C / SIGTERM: finish the current epoch, write the checkpoint, then let the JVM exit.
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "armid-identify-checkpoint");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            o = IdentificationJob.run(config, new IdentificationJob.Progress() {
                @Override
                public void begin(int total, int done, String description) {
                    w.println("identify: " + description + ", " + total + " epochs" + (done > 0 ? " (resuming "
                            + "after " + done + ")" : ""));
                    w.flush();
                    if (!noProgress) {
                        bar[0] = new ProgressBarBuilder().setTaskName("identify")
                                .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUnit(" epochs", 1)
                                .setUpdateIntervalMillis(500).continuousUpdate().startsFrom(done,
                                        java.time.Duration.ZERO).build();
                    }
                }

                @Override
                public boolean stopRequested() {
                    return stop.get();
                }

                @Override
                public void epoch(Identification.Epoch e) {
                    if (bar[0] != null) {
                        bar[0].stepTo(e.epoch() + 1);
                        bar[0].setExtraMessage(Double.isNaN(e.cr1())
                                ? String.format(" loss %.3e", e.loss())
                                : String.format(" loss %.3e  Cr1 %.2f%%", e.loss(), e.cr1()));
                    }
                }
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the checkpoint is written
            }
        }
        if (o.finished()) {
            w.printf("finished %d epochs; results in %s%n", o.epochsDone(),
                    out.resolve(IdentificationJob.RESULT).toAbsolutePath());
        } else {
            w.printf("stopped after %d of %d epochs; continue with: armid identify --resume --out %s%n",
                    o.epochsDone(), o.totalEpochs(), out);
        }
        w.flush();
        return 0;
    }
}
