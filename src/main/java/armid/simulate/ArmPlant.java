package armid.simulate;

import armid.model.Model;
import armid.model.mechanics.ConstrainedDynamics;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.muscle.ActivationDynamics;
import armid.model.muscle.FiberEquilibrium;
import armid.model.muscle.Millard2012EquilibriumMuscle;
import armid.model.muscle.MuscleOutputs;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference arm: the right-hand side of the constrained forward dynamics (eq. 1–2) with the paper's 16 muscles
 * and gravity, as one first-order system for an error-controlled integrator.
 *
 * <p>State y = [q (dof), q̇ (dof), a (driven muscles), l_m (all simulated muscles)]: the free coordinates and their
 * speeds (all 16, dependent ones included; the couplers are linear, so G q̇ = 0 is a linear invariant that Runge–Kutta
 * methods keep to round-off), the activation of each driven muscle (eq. 17–18, continuous) and the fibre length of
 * each muscle with an elastic tendon (a rigid tendon's slot, PECM1's, has derivative 0 and is not used).
 *
 * <p>Right-hand side at (t, y) and excitations u: the muscle paths give l_mt, l̇_mt and the geometric moment arms
 * J_m (rows r_m = −∂l_mt/∂q, all 16 coordinates), from {@link PathEvaluator#continuous()} paths (wrap passes
 * converged, lengths from the latest tangent points: OpenSim's geometry without the jumps its cached tangent points
 * cause where a second wrap engages, which an error-controlled integrator can only cross with tiny steps); each Millard muscle gives its tendon force f_m and fibre velocity
 * from the damped equilibrium; the generalized muscle forces are τ_m = J_mᵀ f_m; q̈ follows from eq. 7 (ConstrainedDynamics),
 * ȧ from eq. 17. Optional forces (all off by default, eq. 1 has no term for them): the model's other muscles at a
 * constant activation, its ligaments and its coordinate limit forces ({@link ExtraForces}).
 *
 * <p>A workspace: not thread-safe; {@link #derivatives} allocates nothing.
 */
public final class ArmPlant {
    /** Which of the model's other forces take part. */
    public record Options(boolean otherMuscles, double otherMusclesActivation, boolean ligaments,
            boolean coordinateLimitForces) {
        public static final Options PAPER = new Options(false, 0.0, false, false);
    }

    private final Model model;
    private final MultibodySystem system;
    private final Constraints constraints;
    private final ConstrainedDynamics constrained;
    private final Dynamics dyn;
    private final PathSet paths;
    private final PathEvaluator evaluator;
    private final List<String> driven;
    private final List<String> muscleNames;
    private final Millard2012EquilibriumMuscle[] muscles;
    private final ActivationDynamics[] activation;
    private final MuscleOutputs[] outputs;
    private final ExtraForces extra;
    private final double otherActivation;
    private final int n;
    private final int nd;
    private final int nm;
    private final GroundTruth truth;

    // two-thread path evaluation: the paths split into two groups of about equal cost, each with its own
    // evaluator and dynamics workspace; group 1 runs on a worker thread while the caller evaluates group 0
    private PathEvaluator[] groupEvaluator;
    private Dynamics[] groupDyn;
    private int[] groupOf; // muscle -> group
    private int[] indexInGroup; // muscle -> index in its group's evaluator
    private static final java.util.concurrent.ExecutorService WORKERS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "armid-plant-paths");
                t.setDaemon(true);
                return t;
            });

    // scratch
    private final double[] q;
    private final double[] qd;
    private final double[] tau;
    private final double[] qdd;
    private final double[] lambda;
    private final double[] arms;

    /**
     * @param template    the model as read (its bodies are replaced by the ground truth's)
     * @param locks       locked coordinates (the wrist)
     * @param driven      the muscles driven by excitation, in dataset order (the paper's 16)
     * @param truth       the parameters to simulate with
     * @param options     optional forces
     */
    public ArmPlant(Model template, java.util.Map<String, Double> locks, List<String> driven, GroundTruth truth,
            Options options) {
        this.model = truth.applyTo(template);
        this.truth = truth;
        this.system = MultibodySystem.of(model, locks);
        this.constraints = new Constraints(system);
        this.constrained = new ConstrainedDynamics(constraints);
        this.dyn = system.newDynamics();
        this.driven = List.copyOf(driven);
        List<String> all = new ArrayList<>(driven);
        if (options.otherMuscles()) {
            for (var f : model.muscles()) {
                if (!all.contains(f.name()) && f.path() != null) {
                    all.add(f.name());
                }
            }
        }
        this.muscleNames = List.copyOf(all);
        this.paths = PathSet.of(system, muscleNames);
        this.evaluator = smoothPaths(paths);
        n = system.dof();
        nd = driven.size();
        nm = all.size();
        muscles = new Millard2012EquilibriumMuscle[nm];
        activation = new ActivationDynamics[nm];
        outputs = new MuscleOutputs[nm];
        for (int m = 0; m < nm; m++) {
            String name = all.get(m);
            muscles[m] = new Millard2012EquilibriumMuscle(name, truth.muscleParameters(template, name));
            activation[m] = muscles[m].activationDynamics();
            outputs[m] = new MuscleOutputs();
        }
        otherActivation = options.otherMusclesActivation();
        extra = new ExtraForces(system, options.ligaments(), options.coordinateLimitForces());
        q = new double[n];
        qd = new double[n];
        tau = new double[n];
        qdd = new double[n];
        lambda = new double[constraints.rows()];
        arms = new double[n];
    }

    /**
     * The simulator's path evaluator: OpenSim's paths with the wrap passes of multi-wrap paths converged ({@link
     * PathEvaluator#convergeWrapPasses()}) and the wrap surfaces' discretisations replaced by their limits ({@link
     * PathEvaluator#smoothWraps()}), so that musculotendon lengths have none of the micrometre jumps of OpenSim's
     * stopping rules, which would make the error-controlled integrator shrink its steps at every one.
     */
    static PathEvaluator smoothPaths(PathSet set) {
        return set.newSmoothEvaluator();
    }

    /**
     * Evaluates the muscle paths in each right-hand side on two threads (the caller's and a worker), the paths split
     * into two groups of about equal measured cost. The results are identical to the single-threaded evaluation
     * (each path is evaluated by the same code from the same state); only the wall time changes.
     */
    public ArmPlant useTwoThreads(boolean on) {
        if (!on) {
            groupEvaluator = null;
            return this;
        }
        double[] q0 = system.defaultPositions();
        double[] qd0 = new double[n];
        double[] cost = new double[nm];
        Dynamics d = system.newDynamics();
        for (int m = 0; m < nm; m++) {
            PathEvaluator one = smoothPaths(PathSet.of(system, List.of(muscleNames.get(m))));
            d.setState(q0, qd0);
            one.evaluate(d);
            long t0 = System.nanoTime();
            for (int r = 0; r < 20; r++) {
                q0[0] += 1e-12;
                d.setState(q0, qd0);
                one.evaluate(d);
            }
            cost[m] = System.nanoTime() - t0;
        }
        // greedy partition, most expensive first
        Integer[] order = new Integer[nm];
        for (int m = 0; m < nm; m++) {
            order[m] = m;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(cost[y], cost[x]));
        double[] load = new double[2];
        groupOf = new int[nm];
        for (int m : order) {
            int g = load[0] <= load[1] ? 0 : 1;
            groupOf[m] = g;
            load[g] += cost[m];
        }
        indexInGroup = new int[nm];
        groupEvaluator = new PathEvaluator[2];
        groupDyn = new Dynamics[2];
        for (int g = 0; g < 2; g++) {
            List<String> names = new ArrayList<>();
            for (int m = 0; m < nm; m++) {
                if (groupOf[m] == g) {
                    indexInGroup[m] = names.size();
                    names.add(muscleNames.get(m));
                }
            }
            groupEvaluator[g] = smoothPaths(PathSet.of(system, names));
            groupDyn[g] = system.newDynamics();
        }
        return this;
    }

    public Model model() {
        return model;
    }

    public MultibodySystem system() {
        return system;
    }

    public Constraints constraints() {
        return constraints;
    }

    public GroundTruth truth() {
        return truth;
    }

    /** The driven muscles, in dataset order. */
    public List<String> drivenMuscles() {
        return driven;
    }

    public Millard2012EquilibriumMuscle muscle(int m) {
        return muscles[m];
    }

    public int dof() {
        return n;
    }

    /** Number of driven muscles (with activation states and excitations). */
    public int drivenCount() {
        return nd;
    }

    /** Number of simulated muscles (driven ones first). */
    public int muscleCount() {
        return nm;
    }

    /** Dimension of the state vector. */
    public int dimension() {
        return 2 * n + nd + nm;
    }

    public int activationOffset() {
        return 2 * n;
    }

    public int fiberOffset() {
        return 2 * n + nd;
    }

    /**
     * The state at rest (q̇ = 0) at the given positions with the given activations, every fibre length at the static
     * equilibrium (OpenSim's computeInitialFiberEquilibrium).
     */
    public double[] restState(double[] q0, double[] a0) {
        double[] y = new double[dimension()];
        System.arraycopy(q0, 0, y, 0, n);
        System.arraycopy(a0, 0, y, 2 * n, nd);
        dyn.setState(q0, new double[n]);
        evaluator.evaluate(dyn);
        FiberEquilibrium eq = new FiberEquilibrium();
        for (int m = 0; m < nm; m++) {
            double a = m < nd ? a0[m] : otherActivation;
            y[2 * n + nd + m] = muscles[m].computeInitialFiberEquilibrium(a, evaluator.length(m), eq);
        }
        return y;
    }

    /**
     * dy/dt at (t, y) with the driven muscles' excitations u (not clamped here; clamped to [a_min, 1] as OpenSim's
     * control bounds do).
     */
    public void derivatives(double[] y, double[] u, double[] dy) {
        if (groupEvaluator == null) {
            evaluate(y, u, dy);
            return;
        }
        System.arraycopy(y, 0, q, 0, n);
        System.arraycopy(y, n, qd, 0, n);
        java.util.concurrent.Future<?> other = WORKERS.submit(() -> {
            groupDyn[1].setState(q, qd);
            groupEvaluator[1].evaluate(groupDyn[1]);
        });
        groupDyn[0].setState(q, qd);
        groupEvaluator[0].evaluate(groupDyn[0]);
        dyn.setState(q, qd);
        try {
            other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        }
        muscleForces(y, u, dy, true);
    }

    /** Evaluates everything at (y, u); dy receives the derivatives. Muscle outputs stay available afterwards. */
    private void evaluate(double[] y, double[] u, double[] dy) {
        System.arraycopy(y, 0, q, 0, n);
        System.arraycopy(y, n, qd, 0, n);
        dyn.setState(q, qd);
        evaluator.evaluate(dyn);
        muscleForces(y, u, dy, false);
    }

    /** The muscles' forces and states' derivatives and the accelerations, from the paths evaluated at (q, q̇). */
    private void muscleForces(double[] y, double[] u, double[] dy, boolean split) {
        java.util.Arrays.fill(tau, 0);
        int aOff = 2 * n;
        int lOff = 2 * n + nd;
        for (int m = 0; m < nm; m++) {
            double a = m < nd ? y[aOff + m] : otherActivation;
            MuscleOutputs o = outputs[m];
            PathEvaluator ev = split ? groupEvaluator[groupOf[m]] : evaluator;
            int pm = split ? indexInGroup[m] : m;
            muscles[m].compute(a, y[lOff + m], ev.length(pm), ev.lengtheningSpeed(pm), o);
            double f = o.tendonForce();
            ev.momentArms(pm, arms);
            for (int i = 0; i < n; i++) {
                tau[i] += arms[i] * f;
            }
            dy[lOff + m] = muscles[m].hasRigidTendon() ? 0.0 : o.fiberVelocity();
            if (m < nd) {
                dy[aOff + m] = activation[m].derivative(y[aOff + m], activation[m].clampExcitation(u[m]));
            }
        }
        extra.addForces(dyn, q, qd, tau);
        constrained.accelerations(q, qd, tau, qdd, lambda);
        System.arraycopy(qd, 0, dy, 0, n);
        System.arraycopy(qdd, 0, dy, n, n);
    }

    /** Everything a dataset records at one sample. */
    public static final class Sample {
        public final double[] q;
        public final double[] qd;
        public final double[] qdd;
        public final double[] lambda;
        public final double[] excitation;
        public final double[] activation;
        public final double[] mtLength;
        public final double[] mtSpeed;
        public final double[] fiberLength;
        public final double[] fiberVelocity;
        public final double[] pennation;
        public final double[] force;
        /** Moment arms, [muscle][coordinate]. */
        public final double[][] momentArms;

        Sample(int n, int m, int rows) {
            q = new double[n];
            qd = new double[n];
            qdd = new double[n];
            lambda = new double[rows];
            excitation = new double[m];
            activation = new double[m];
            mtLength = new double[m];
            mtSpeed = new double[m];
            fiberLength = new double[m];
            fiberVelocity = new double[m];
            pennation = new double[m];
            force = new double[m];
            momentArms = new double[m][n];
        }
    }

    public Sample newSample() {
        return new Sample(n, nd, constraints.rows());
    }

    /** Evaluates at (y, u) and copies what a dataset records about the driven muscles into {@code s}. */
    public void sample(double[] y, double[] u, double[] dyScratch, Sample s) {
        evaluate(y, u, dyScratch);
        System.arraycopy(q, 0, s.q, 0, n);
        System.arraycopy(qd, 0, s.qd, 0, n);
        System.arraycopy(qdd, 0, s.qdd, 0, n);
        System.arraycopy(lambda, 0, s.lambda, 0, lambda.length);
        for (int m = 0; m < nd; m++) {
            MuscleOutputs o = outputs[m];
            s.excitation[m] = u[m];
            s.activation[m] = y[2 * n + m];
            s.mtLength[m] = evaluator.length(m);
            s.mtSpeed[m] = evaluator.lengtheningSpeed(m);
            s.fiberLength[m] = o.fiberLength();
            s.fiberVelocity[m] = o.fiberVelocity();
            s.pennation[m] = o.pennationAngle();
            s.force[m] = o.tendonForce();
            evaluator.momentArms(m, s.momentArms[m]);
        }
    }

    /**
     * A human-readable account of the state y with excitations u, for a failure message: coordinates outside or near
     * their range, and every muscle's path length, wraps, fibre length against its minimum, fibre velocity, clamp
     * and force; then what changes discontinuously when y moves by tiny amounts along its own derivative (the
     * quantities whose jumps can stall an error-controlled integrator).
     */
    public String diagnose(double[] y, double[] u) {
        StringBuilder sb = new StringBuilder();
        double[] dy = new double[dimension()];
        evaluate(y, u, dy);
        for (int i = 0; i < n; i++) {
            var c = system.coordinate(i);
            double range = c.rangeMax() - c.rangeMin();
            double frac = (y[i] - c.rangeMin()) / range;
            if (frac < 0.02 || frac > 0.98) {
                sb.append(String.format(java.util.Locale.ROOT, "  coordinate %s = %.5f rad, range [%.4f, %.4f] (%.1f %%), speed %.4f%n",
                        c.name(), y[i], c.rangeMin(), c.rangeMax(), 100 * frac, y[n + i]));
            }
        }
        double[] lmt = new double[nm];
        double[] fv = new double[nm];
        double[] force = new double[nm];
        int[] wraps = new int[nm];
        for (int m = 0; m < nm; m++) {
            MuscleOutputs o = outputs[m];
            lmt[m] = evaluator.length(m);
            fv[m] = o.fiberVelocity();
            force[m] = o.tendonForce();
            wraps[m] = evaluator.wrapCount(m);
            sb.append(String.format(java.util.Locale.ROOT,
                    "  %-8s a=%.4f l_mt=%.6f wraps=%d l_m=%.6f (min %.6f, state %.6f) v_m=%.5f%s F=%.2f%n",
                    muscleNames.get(m), m < nd ? y[2 * n + m] : otherActivation, lmt[m], wraps[m], o.fiberLength(),
                    muscles[m].minimumFiberLength(), y[2 * n + nd + m], fv[m], o.fiberStateClamped() ? " CLAMPED" : "",
                    force[m]));
        }
        double[] yp = new double[y.length];
        double[] dp = new double[dimension()];
        for (double d : new double[] {1e-12, 1e-10, 1e-8, 1e-6, -1e-12, -1e-10, -1e-8, -1e-6}) {
            for (int i = 0; i < y.length; i++) {
                yp[i] = y[i] + d * dy[i];
            }
            evaluate(yp, u, dp);
            for (int m = 0; m < nm; m++) {
                MuscleOutputs o = outputs[m];
                double jl = evaluator.length(m) - lmt[m];
                double jv = o.fiberVelocity() - fv[m];
                if (Math.abs(jl) > 1e-3 * Math.abs(d) * 10 + 1e-9 || Math.abs(jv) > 1e-3 || evaluator.wrapCount(m) != wraps[m]) {
                    sb.append(String.format(java.util.Locale.ROOT,
                            "  at dt=%+.0e: %s l_mt %+.3e m, wraps %d, v_m %+.4e m/s, F %+.3f N%s%n", d,
                            muscleNames.get(m), jl, evaluator.wrapCount(m), jv, o.tendonForce() - force[m],
                            o.fiberStateClamped() ? " CLAMPED" : ""));
                }
            }
        }
        evaluate(y, u, dy);
        return sb.toString();
    }

    /** Outputs of muscle m from the last evaluation. */
    public MuscleOutputs outputs(int m) {
        return outputs[m];
    }

    /** The path evaluator, as left by the last evaluation. */
    public PathEvaluator paths() {
        return evaluator;
    }

    /** The dynamics workspace, at the state of the last evaluation. */
    public Dynamics dynamics() {
        return dyn;
    }
}
