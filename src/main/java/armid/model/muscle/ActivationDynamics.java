package armid.model.muscle;

/**
 * First-order muscle activation dynamics, the paper's eq. 17–18:
 *
 * <pre>
 *   da/dt = (u - a) / t(u, a),   t(u, a) = t_act (0.5 + 1.5 a)    if u &gt; a
 *                                          t_de / (0.5 + 1.5 a)    otherwise
 * </pre>
 *
 * with a lower bound a_min on activation (OpenSim's minimum_activation).
 *
 * <p><b>Relation to OpenSim.</b> This is OpenSim 4.x's {@code MuscleFirstOrderActivationDynamicModel} (the model
 * inside {@code Millard2012EquilibriumMuscle}; source OpenSim/Actuators/MuscleFirstOrderActivationDynamicModel.cpp,
 * after Thelen 2003 and Winters 1995): {@link #derivative} clamps the activation to [a_min, 1] before evaluating,
 * and the switch between the two time constants is the hard switch on u &gt; a; OpenSim applies no smoothing there
 * (the tanh-smoothed switch belongs to De Groote's model in OpenSim Moco, not to this one), and neither does the
 * paper. The excitation is not clamped by the derivative itself; in OpenSim it arrives clamped to the actuator's
 * [min_control, max_control], and a Millard muscle's min_control defaults to minimum_activation. The integrators
 * here clamp the excitation to [a_min, 1] accordingly, so that activation never leaves [a_min, 1] and its steady
 * state for a constant excitation u is max(u, a_min).
 *
 * <p>The integrators treat the sampled excitation as piecewise linear between samples and use the classical
 * fourth-order Runge–Kutta method with a fixed number of sub-steps per sample interval. They allocate nothing.
 */
public final class ActivationDynamics {

    private final double activationTimeConstant;
    private final double deactivationTimeConstant;
    private final double minimumActivation;

    /**
     * @param activationTimeConstant   t_act (s), positive
     * @param deactivationTimeConstant t_de (s), positive
     * @param minimumActivation        a_min in [0, 1)
     */
    public ActivationDynamics(double activationTimeConstant, double deactivationTimeConstant,
                              double minimumActivation) {
        if (!(activationTimeConstant > 0 && Double.isFinite(activationTimeConstant))) {
            throw new IllegalArgumentException(
                    "activation time constant must be positive, got " + activationTimeConstant);
        }
        if (!(deactivationTimeConstant > 0 && Double.isFinite(deactivationTimeConstant))) {
            throw new IllegalArgumentException(
                    "deactivation time constant must be positive, got " + deactivationTimeConstant);
        }
        if (!(minimumActivation >= 0 && minimumActivation < 1)) {
            throw new IllegalArgumentException("minimum activation must be in [0, 1), got " + minimumActivation);
        }
        this.activationTimeConstant = activationTimeConstant;
        this.deactivationTimeConstant = deactivationTimeConstant;
        this.minimumActivation = minimumActivation;
    }

    /** The activation dynamics of a muscle with these properties. */
    public static ActivationDynamics of(MillardParameters p) {
        return new ActivationDynamics(p.activationTimeConstant(), p.deactivationTimeConstant(),
                p.minimumActivation());
    }

    public double activationTimeConstant() {
        return activationTimeConstant;
    }

    public double deactivationTimeConstant() {
        return deactivationTimeConstant;
    }

    public double minimumActivation() {
        return minimumActivation;
    }

    /** Activation clamped to [a_min, 1] (OpenSim's clampActivation). */
    public double clampActivation(double activation) {
        return Math.max(minimumActivation, Math.min(1.0, activation));
    }

    /** Excitation clamped to [a_min, 1], as an actuator's default control bounds do in OpenSim. */
    public double clampExcitation(double excitation) {
        return Math.max(minimumActivation, Math.min(1.0, excitation));
    }

    /** The time constant t(u, a) of eq. 18 at the clamped activation. */
    public double timeConstant(double activation, double excitation) {
        double a = clampActivation(activation);
        return excitation > a
                ? activationTimeConstant * (0.5 + 1.5 * a)
                : deactivationTimeConstant / (0.5 + 1.5 * a);
    }

    /** da/dt of eq. 17 exactly as OpenSim's calcDerivative: activation clamped, excitation as given. */
    public double derivative(double activation, double excitation) {
        double a = clampActivation(activation);
        double tau = excitation > a
                ? activationTimeConstant * (0.5 + 1.5 * a)
                : deactivationTimeConstant / (0.5 + 1.5 * a);
        return (excitation - a) / tau;
    }

    /**
     * One RK4 step of length h from activation a with excitation varying linearly from u0 to u1 over the step
     * (both clamped to [a_min, 1]).
     */
    public double step(double a, double u0, double u1, double h) {
        double v0 = clampExcitation(u0);
        double v1 = clampExcitation(u1);
        double vm = 0.5 * (v0 + v1);
        double k1 = derivative(a, v0);
        double k2 = derivative(a + 0.5 * h * k1, vm);
        double k3 = derivative(a + 0.5 * h * k2, vm);
        double k4 = derivative(a + h * k3, v1);
        return clampActivation(a + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4));
    }

    /**
     * Integrates eq. 17 over sampled excitation: {@code activation[i]} is the activation at sample i, starting
     * from {@code initialActivation} at sample 0.
     *
     * @param excitation        u at the samples, spacing {@code samplePeriod}
     * @param samplePeriod      time between samples (s)
     * @param initialActivation a at sample 0 (clamped to [a_min, 1])
     * @param substeps          RK4 steps per sample interval (at least 1)
     * @param activation        output, at least as long as {@code excitation}
     */
    public void integrate(double[] excitation, double samplePeriod, double initialActivation, int substeps,
                          double[] activation) {
        integrateRange(excitation, samplePeriod, initialActivation, substeps, activation, 0, excitation.length);
    }

    /**
     * The segment-parallel integration of the paper's III.F.2: the samples are cut into segments of
     * {@code segmentLength}; every segment is integrated independently from activation a_min (the paper's "initial
     * a of 0", here the lowest activation the model allows), which may run in parallel; then a second pass redoes
     * the first {@code redoSamples} samples of every segment after the first, starting from the previous segment's
     * final activation of the first pass. The error left is that of the first pass after {@code redoSamples}
     * samples. It decays at least as fast as exp(-t / (2 max(t_act, t_de))): the right-hand side of eq. 17 is
     * continuous in a (both branches vanish at a = u) and its slope in a is at most -1 / (2 t_act) below u and
     * at most -1 / (2 t_de) above it, so two solutions for the same excitation approach each other at that rate.
     *
     * <p>This method runs the segments one after another; callers that want the parallelism can call
     * {@link #integrateRange} per segment themselves.
     */
    public void integrateSegmented(double[] excitation, double samplePeriod, double initialActivation,
                                   int substeps, int segmentLength, int redoSamples, double[] activation) {
        if (segmentLength < 2) {
            throw new IllegalArgumentException("segment length must be at least 2 samples, got " + segmentLength);
        }
        if (redoSamples < 0) {
            throw new IllegalArgumentException("samples to redo must be >= 0, got " + redoSamples);
        }
        int n = excitation.length;
        for (int start = 0; start < n; start += segmentLength) {
            double a0 = start == 0 ? initialActivation : minimumActivation;
            integrateRange(excitation, samplePeriod, a0, substeps, activation, start,
                    Math.min(n, start + segmentLength));
        }
        for (int start = segmentLength; start < n; start += segmentLength) {
            // Segment k starts where segment k-1 ended: its last sample is start - 1, so restart from there.
            int end = Math.min(n, start + redoSamples);
            if (end > start) {
                double previousEnd = activation[start - 1];
                double a = previousEnd;
                int m = Math.max(1, substeps);
                double h = samplePeriod / m;
                for (int i = start; i < end; i++) {
                    double uPrev = excitation[i - 1];
                    double uNext = excitation[i];
                    for (int j = 0; j < m; j++) {
                        double u0 = uPrev + (uNext - uPrev) * j / m;
                        double u1 = uPrev + (uNext - uPrev) * (j + 1) / m;
                        a = step(a, u0, u1, h);
                    }
                    activation[i] = a;
                }
            }
        }
    }

    /**
     * Integrates eq. 17 over samples [from, to): {@code activation[from] = initialActivation} (clamped), then RK4
     * across each sample interval.
     */
    public void integrateRange(double[] excitation, double samplePeriod, double initialActivation, int substeps,
                               double[] activation, int from, int to) {
        if (!(samplePeriod > 0)) {
            throw new IllegalArgumentException("sample period must be positive, got " + samplePeriod);
        }
        if (substeps < 1) {
            throw new IllegalArgumentException("need at least one sub-step per sample, got " + substeps);
        }
        if (from < 0 || to > excitation.length || to > activation.length || from > to) {
            throw new IllegalArgumentException("sample range [" + from + ", " + to + ") outside the arrays");
        }
        if (from == to) {
            return;
        }
        double h = samplePeriod / substeps;
        double a = clampActivation(initialActivation);
        activation[from] = a;
        for (int i = from + 1; i < to; i++) {
            double uPrev = excitation[i - 1];
            double uNext = excitation[i];
            for (int j = 0; j < substeps; j++) {
                double u0 = uPrev + (uNext - uPrev) * j / substeps;
                double u1 = uPrev + (uNext - uPrev) * (j + 1) / substeps;
                a = step(a, u0, u1, h);
            }
            activation[i] = a;
        }
    }
}
