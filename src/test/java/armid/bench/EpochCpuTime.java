package armid.bench;

import armid.identify.DatasetReader;
import armid.identify.IdentificationLoss;
import armid.identify.MotionData;
import armid.identify.ParameterRegistry;
import armid.identify.Synthetic;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * CPU time of one identification epoch (loss and full gradient) on one thread, by the thread's CPU clock, so that
 * other processes on a shared machine disturb it less than wall-clock timings: the median over batches of 50
 * epochs after a warm-up. Usage: {@code EpochCpuTime M1|M2 [DATASET_DIR [tendon]]} (default: the 10 s synthetic
 * motion of {@link IdentifyBenchmark}; {@code tendon}: a tendon-phase epoch, eq. 16 with the gradient restricted to
 * tendon slack lengths as {@code Identification} runs it, the slack lengths moving between epochs).
 */
public final class EpochCpuTime {
    private EpochCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        IdentificationLoss.Method method = IdentificationLoss.Method.valueOf(args[0]);
        ParameterRegistry reg = ParameterRegistry.fromModel(Synthetic.MODEL);
        MotionData data = args.length > 1
                ? DatasetReader.read(Path.of(args[1]), Synthetic.SYSTEM.coordinateNames()).motion()
                : Synthetic.kinematic(10.0, 1000, 1);
        if (method == IdentificationLoss.Method.M1) {
            reg.selectM1();
        } else {
            reg.selectM2();
        }
        double[] theta = reg.drawInitialGuess(1, 0.1);
        double[] grad = new double[theta.length];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (IdentificationLoss loss = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                IdentificationLoss.Options.of(method).withThreads(1))) {
            boolean tendon = args.length > 2 && args[2].equals("tendon");
            int[] slack = java.util.stream.IntStream.range(0, theta.length)
                    .filter(ParameterRegistry::isTendonSlackLength).toArray();
            if (tendon) {
                loss.setPhase(IdentificationLoss.Phase.TENDON);
                loss.restrictGradient(slack);
            }
            for (int i = 0; i < 300; i++) {
                loss.evaluate(theta, grad);
            }
            double[] ms = new double[15];
            for (int b = 0; b < ms.length; b++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 50; i++) {
                    if (tendon) {
                        for (int k : slack) {
                            theta[k] *= 1 + 1e-9;
                        }
                    }
                    loss.evaluate(theta, grad);
                }
                ms[b] = (mx.getCurrentThreadCpuTime() - t0) * 1e-6 / 50;
            }
            Arrays.sort(ms);
            System.out.printf("%s%s, %d samples, one thread: %.2f ms CPU per epoch (median; batches %.2f .. %.2f)%n",
                    method, tendon ? " tendon phase" : "", data.samples(), ms[ms.length / 2], ms[0],
                    ms[ms.length - 1]);
        }
    }
}
