package armid.identify;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The paper's optimisation (III.F.1, IV.C): full-batch Adam, one step per epoch, first {@code contractionEpochs}
 * (10,000) with eq. 15 on every selected parameter but tendon slack length, then {@code tendonEpochs} (2,000) with
 * eq. 16 on the tendon slack lengths alone, from the other parameters found. The tendon phase starts from the
 * slack lengths at which eq. 16 agrees with eq. 15 ({@link TendonSlackStart}: below slack eq. 16 is flat, so a
 * guess too long would never move); a rigid tendon's slack length (PECM1) is fixed there by the fibre kinematics
 * and held, and its force keeps eq. 15 ({@link IdentificationLoss.Phase#TENDON}). Without fibre kinematics in the data
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
        /**
         * Adam's default learning rate. The paper does not state its rate. On the two default movements, 3e-3 ends
         * the paper's schedule with Cr1 about three times and Cr2^m about twice lower than PyTorch's default 1e-3
         * (at 1e-3 the pennation angles are still drifting at 10,000 epochs).
         */
        public static final double DEFAULT_LEARNING_RATE = 3e-3;

        /** The paper's schedule with {@link #DEFAULT_LEARNING_RATE}. */
        public static Schedule paper() {
            return new Schedule(10_000, 2_000, DEFAULT_LEARNING_RATE);
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

    /**
     * Everything a run needs to continue exactly where it was: epochs done, the phase (0: eq. 15, 1: tendon, 2:
     * finished) and epochs done in it, the full parameter vector, Adam's step count and moments (over the phase's
     * parameters) and eq. 14's normalisation constant. The optimisation draws no random numbers.
     */
    public record State(int epoch, int phase, int phaseEpoch, double[] theta, int adamSteps, double[] adamFirst,
                        double[] adamSecond, double normalization) {
        public State {
            if (epoch < 0 || phase < 0 || phase > 2 || phaseEpoch < 0) {
                throw new IllegalArgumentException("invalid optimiser state: epoch " + epoch + ", phase " + phase
                        + ", epoch in phase " + phaseEpoch);
            }
            if (theta.length != ParameterRegistry.SIZE || adamFirst.length != adamSecond.length) {
                throw new IllegalArgumentException("invalid optimiser state: " + theta.length + " parameters, "
                        + adamFirst.length + "/" + adamSecond.length + " moments");
            }
        }
    }

    /** Called after every epoch with the state after it; return false to stop. */
    public interface StateListener {
        boolean onEpoch(Epoch e, State after);
    }

    private Identification() {
    }

    /** Runs the schedule from the registry's current values; leaves the result in the registry and returns the log. */
    public static List<Epoch> run(IdentificationLoss loss, BaseParameters base, Schedule s, Listener listener) {
        return run(loss, base, s, null, listener == null ? null : (e, st) -> listener.onEpoch(e, st.theta()));
    }

    /**
     * Runs the schedule from {@code start} (null: from the registry's current values and the loss's normalisation),
     * so that a run stopped after any epoch and continued from the {@link State} it reported produces the same
     * iterates, bit for bit, as the run never stopped (same data, schedule and thread count). Leaves the result in
     * the registry and returns the log of the epochs run by this call.
     */
    public static List<Epoch> run(IdentificationLoss loss, BaseParameters base, Schedule s, State start,
                                  StateListener listener) {
        ParameterRegistry reg = loss.registry();
        double[] gt = reg.groundTruth();
        int[] selected = reg.selected();
        boolean fibre = loss.usesTendonEquationIfAsked();
        int[] lts = IntStream.of(selected).filter(ParameterRegistry::isTendonSlackLength).toArray();
        int[] first = fibre ? IntStream.of(selected).filter(i -> !ParameterRegistry.isTendonSlackLength(i)).toArray()
                : selected;
        double[] theta;
        int epoch;
        int startPhase;
        int startPhaseEpoch;
        if (start == null) {
            theta = reg.values();
            epoch = 0;
            startPhase = 0;
            startPhaseEpoch = 0;
        } else {
            theta = start.theta().clone();
            epoch = start.epoch();
            startPhase = start.phase();
            startPhaseEpoch = start.phaseEpoch();
            loss.setNormalization(start.normalization());
        }
        double norm = loss.normalization();
        double[] grad = new double[theta.length];
        List<Epoch> log = new ArrayList<>();
        try {
            for (int phase = startPhase; phase < 2; phase++) {
                IdentificationLoss.Phase ph = phase == 0 ? IdentificationLoss.Phase.CONTRACTION
                        : IdentificationLoss.Phase.TENDON;
                int[] idx = phase == 0 ? first : lts;
                int epochs = phase == 0 ? s.contractionEpochs() : s.tendonEpochs();
                if (idx.length == 0 || epochs == 0) {
                    continue;
                }
                if (phase == 1 && fibre) {
                    if ((s.contractionEpochs() == 0 || first.length == 0) && (start == null || startPhase == 0)) {
                        startTendonPhase(loss, theta, lts);
                    }
                    // Rigid tendons' slack lengths follow from the fibre kinematics and stay there
                    // (TendonSlackStart).
                    idx = IntStream.of(lts).filter(i -> !loss.rigidTendon(ParameterRegistry.muscleOf(i))).toArray();
                    if (idx.length == 0) {
                        continue;
                    }
                }
                loss.setPhase(ph);
                // Only the phase's parameters' derivatives are used: in the tendon phase the loss then recomputes
                // only what depends on tendon slack lengths.
                loss.restrictGradient(phase == 0 ? null : idx);
                Adam adam = new Adam(reg, idx, s.learningRate());
                int e0 = 0;
                if (start != null && phase == startPhase && startPhaseEpoch > 0) {
                    adam.restore(start.adamSteps(), start.adamFirst(), start.adamSecond());
                    e0 = startPhaseEpoch;
                }
                for (int e = e0; e < epochs; e++) {
                    double l = loss.evaluate(theta, grad);
                    checkFinite(reg, epoch, l, grad, idx, theta);
                    Epoch rec = new Epoch(epoch, ph, l, Metrics.cr1(theta, gt, selected),
                            Metrics.cr2(theta, gt, selected), Metrics.cr2Muscle(theta, gt, selected),
                            base == null ? null : base.coefficients(theta));
                    log.add(rec);
                    epoch++;
                    adam.step(theta, grad);
                    if (phase == 0 && e + 1 == epochs && fibre && s.tendonEpochs() > 0) {
                        // The first phase ends by placing the tendon slack lengths where the tendon phase starts, so
                        // that the state reported for this epoch (and any checkpoint of it) already holds them.
                        startTendonPhase(loss, theta, lts);
                    }
                    if (listener != null) {
                        boolean last = e + 1 == epochs;
                        State st = last && phase == 1
                                ? new State(epoch, 2, 0, theta.clone(), 0, new double[0], new double[0], norm)
                                : new State(epoch, phase, e + 1, theta.clone(), adam.steps(), adam.firstMoments(),
                                        adam.secondMoments(), norm);
                        if (!listener.onEpoch(rec, st)) {
                            loss.setPhase(IdentificationLoss.Phase.CONTRACTION);
                            reg.setValues(theta);
                            return log;
                        }
                    }
                }
            }
        } finally {
            loss.restrictGradient(null);
        }
        loss.setPhase(IdentificationLoss.Phase.CONTRACTION);
        reg.setValues(theta);
        return log;
    }

    /** Sets θ's tendon slack lengths to the fibre–tendon force equilibrium ({@link TendonSlackStart}). */
    private static void startTendonPhase(IdentificationLoss loss, double[] theta, int[] lts) {
        if (lts.length == 0) {
            return;
        }
        IdentificationLoss.Phase was = loss.phase();
        loss.setPhase(IdentificationLoss.Phase.CONTRACTION);
        TendonSlackStart.apply(loss, loss.hill(), theta, lts);
        loss.setPhase(was);
    }

    /** A non-finite loss or gradient stops the run with the epoch and the parameter at fault. */
    private static void checkFinite(ParameterRegistry reg, int epoch, double l, double[] grad, int[] idx,
                                    double[] theta) {
        if (!Double.isFinite(l)) {
            throw new NonFiniteException("epoch " + epoch + ": the loss is " + l);
        }
        for (int i : idx) {
            if (!Double.isFinite(grad[i])) {
                ParameterDriver p = reg.driver(i);
                throw new NonFiniteException("epoch " + epoch + ": the gradient with respect to " + p.name()
                        + " (= " + theta[i] + ") is " + grad[i] + "; the parameters left the model's domain");
            }
        }
    }

    /** The loss or its gradient is not finite: the parameters describe no muscle or arm the model can evaluate. */
    public static final class NonFiniteException extends IllegalStateException {
        NonFiniteException(String message) {
            super(message);
        }
    }
}
