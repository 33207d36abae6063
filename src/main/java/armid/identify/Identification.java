package armid.identify;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The paper's optimisation (III.F.1, IV.C): full-batch Adam, one step per epoch, first {@code contractionEpochs}
 * (10,000) with eq. 15 on every selected parameter but tendon slack length, then {@code tendonEpochs} (2,000) with
 * eq. 16 on the tendon slack lengths alone, from the other parameters found. Without fibre kinematics in the data
 * eq. 15 depends on tendon slack length (rigid-tendon fibre kinematics, {@link HillMuscle}) and eq. 16 is
 * degenerate, so tendon slack length then moves in the first phase too and the second phase keeps eq. 15.
 *
 * <p>Per epoch it records the loss, Cr1, Cr2, Cr2^m (eq. 22–23, over the selected parameters) and the base dynamic
 * coefficients of the bones.
 */
public final class Identification {

    /**
     * Schedule.
     *
     * @param contractionEpochs epochs of the first phase (the paper: 10,000)
     * @param tendonEpochs      epochs of the tendon phase (the paper: 2,000)
     * @param learningRate      Adam's learning rate in normalised parameters (x = θ / scale)
     */
    public record Schedule(int contractionEpochs, int tendonEpochs, double learningRate) {
        public static Schedule paper() {
            return new Schedule(10_000, 2_000, 1e-3);
        }
    }

    /** One epoch's record. */
    public record Epoch(int epoch, IdentificationLoss.Phase phase, double loss, double cr1, double cr2,
                        double cr2Muscle, double[] baseCoefficients) {
    }

    /** Called after every epoch; return false to stop. */
    public interface Listener {
        boolean onEpoch(Epoch e, double[] theta);
    }

    private Identification() {
    }

    /** Runs the schedule from the registry's current values; leaves the result in the registry and returns the log. */
    public static List<Epoch> run(IdentificationLoss loss, BaseParameters base, Schedule s, Listener listener) {
        ParameterRegistry reg = loss.registry();
        double[] gt = reg.groundTruth();
        int[] selected = reg.selected();
        boolean fibre = loss.usesTendonEquationIfAsked();
        int[] lts = IntStream.of(selected).filter(ParameterRegistry::isTendonSlackLength).toArray();
        int[] first = fibre ? IntStream.of(selected).filter(i -> !ParameterRegistry.isTendonSlackLength(i)).toArray()
                : selected;
        double[] theta = reg.values();
        double[] grad = new double[theta.length];
        List<Epoch> log = new ArrayList<>();
        int epoch = 0;
        for (int phase = 0; phase < 2; phase++) {
            IdentificationLoss.Phase ph = phase == 0 ? IdentificationLoss.Phase.CONTRACTION
                    : IdentificationLoss.Phase.TENDON;
            loss.setPhase(ph);
            int[] idx = phase == 0 ? first : lts;
            int epochs = phase == 0 ? s.contractionEpochs() : s.tendonEpochs();
            if (idx.length == 0 || epochs == 0) {
                continue;
            }
            Adam adam = new Adam(reg, idx, s.learningRate());
            for (int e = 0; e < epochs; e++) {
                double l = loss.evaluate(theta, grad);
                Epoch rec = new Epoch(epoch, ph, l, Metrics.cr1(theta, gt, selected), Metrics.cr2(theta, gt, selected),
                        Metrics.cr2Muscle(theta, gt, selected), base == null ? null : base.coefficients(theta));
                log.add(rec);
                epoch++;
                adam.step(theta, grad);
                if (listener != null && !listener.onEpoch(rec, theta)) {
                    reg.setValues(theta);
                    return log;
                }
            }
        }
        loss.setPhase(IdentificationLoss.Phase.CONTRACTION);
        reg.setValues(theta);
        return log;
    }
}
