package armid.simulate;

import armid.io.StorageFile;
import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.MultibodySystem;
import armid.model.muscle.EmgFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The ground-truth simulator behind {@code armid simulate}: builds the {@link ArmPlant} with the ground truth, starts
 * it at rest with the fibres equilibrated, drives it with given excitations ({@link #withExcitations}) or with
 * synthesised EMG from an online controller ({@link #movement}), and returns the {@link Dataset} with its JSON
 * description.
 */
public final class ReferenceSimulator {
    /** The paper's superficial muscles (EMG available to method M1). */
    public static final List<String> SUPERFICIAL = List.of("PECM1", "PECM2", "PECM3", "DELT1", "DELT2", "DELT3",
            "BIClong", "BICshort", "TRIlong", "TRIlat", "BRD");
    /** The paper's deep muscles. */
    public static final List<String> DEEP = List.of("INFSP", "SUBSC", "TRImed", "BRA", "PQ");
    /** The paper's 16 muscles, superficial first: the dataset's muscle order. */
    public static final List<String> PAPER_MUSCLES;

    static {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(SUPERFICIAL);
        all.addAll(DEEP);
        PAPER_MUSCLES = List.copyOf(all);
    }

    /** Everything a run needs besides its driver. */
    public record Setup(Model template, String modelFile, String modelSha256, Map<String, Double> locks,
            GroundTruth truth, ArmPlant.Options options, double tolerance, double duration, double rate) {
        public Setup {
            if (!(duration > 0) || !Double.isFinite(duration)) {
                throw new IllegalArgumentException("duration must be positive, got " + duration);
            }
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("sample rate must be positive, got " + rate);
            }
        }

        /** Samples from t = 0 to t = duration inclusive. */
        public int samples() {
            return (int) Math.round(duration * rate) + 1;
        }
    }

    private ReferenceSimulator() {
    }

    /**
     * Drives the arm with known excitations (no EMG filter), from rest at the given independent coordinates (model
     * defaults for the others) with every driven muscle at activation {@code initialActivation} (NaN: each muscle's
     * excitation at t = 0) and its fibre at the static equilibrium.
     */
    public static Dataset withExcitations(Setup setup, StorageFile table, double initialActivation,
            Map<String, Double> qGiven, IntConsumer progress) {
        return withExcitations(setup, table, initialActivation, qGiven, defaultThreads(), progress);
    }

    /** As {@link #withExcitations(Setup, StorageFile, double, Map, IntConsumer)} on 1 or 2 threads. */
    public static Dataset withExcitations(Setup setup, StorageFile table, double initialActivation,
            Map<String, Double> qGiven, int threads, IntConsumer progress) {
        ArmPlant plant = new ArmPlant(setup.template(), setup.locks(), PAPER_MUSCLES, setup.truth(),
                setup.options()).useTwoThreads(checkThreads(threads) > 1);
        TabulatedExcitation driver = new TabulatedExcitation(table, PAPER_MUSCLES);
        double[] q0 = initialPositions(plant.constraints(), qGiven);
        double[] a0 = new double[PAPER_MUSCLES.size()];
        driver.initialExcitation(a0);
        if (!Double.isNaN(initialActivation)) {
            if (!(initialActivation >= 0 && initialActivation <= 1)) {
                throw new IllegalArgumentException("initial activation must be in [0, 1], got " + initialActivation);
            }
            java.util.Arrays.fill(a0, initialActivation);
        }
        for (int m = 0; m < a0.length; m++) {
            a0[m] = plant.muscle(m).clampActivation(a0[m]);
        }
        double[] y0 = plant.restState(q0, a0);
        Dataset data = run(setup, plant, y0, driver, false, progress);
        ObjectNode d = data.description();
        ObjectNode drv = d.putObject("driver");
        drv.put("kind", "excitations");
        drv.put("file", table.source() == null ? table.name() : table.source().toString());
        drv.put("interpolation", "linear in time between the file's rows, held outside them");
        drv.put("initial_activation", Double.isNaN(initialActivation) ? "excitation at t = 0" : initialActivation
                + "");
        d.put("emg_filter", "bypassed: the excitations were given");
        return data;
    }

    /**
     * A default movement: synthesised irregular EMG for all 16 muscles from an online controller that tracks a
     * random smooth reference of the five independent coordinates ({@link MovementController}).
     */
    public static Dataset movement(Setup setup, int movement, long seed, IntConsumer progress) {
        return movement(setup, movement, seed, defaultThreads(), progress);
    }

    /** Threads of a simulation by default: 2 where there are two processors or more (paths split in two groups). */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1;
    }

    private static int checkThreads(int threads) {
        if (threads != 1 && threads != 2) {
            throw new IllegalArgumentException("simulation threads must be 1 or 2, got " + threads);
        }
        return threads;
    }

    /**
     * As {@link #movement(Setup, int, long, IntConsumer)} on 1 or 2 threads (the results are identical; two
     * movements simulated side by side on two cores run faster with one thread each).
     */
    public static Dataset movement(Setup setup, int movement, long seed, int threads, IntConsumer progress) {
        ArmPlant plant = new ArmPlant(setup.template(), setup.locks(), PAPER_MUSCLES, setup.truth(),
                setup.options()).useTwoThreads(checkThreads(threads) > 1);
        GroundTruth.Shared sh = setup.truth().shared();
        EmgFilter filter = EmgFilter.withDelaySeconds(sh.c1(), sh.c2(), sh.delay(), 1.0 / setup.rate());
        MovementController controller = new MovementController(plant, movement, seed, setup.duration(),
                sh.delay());
        EmgDriver driver = new EmgDriver(controller, filter, PAPER_MUSCLES.size(), setup.samples());
        double[] u0 = new double[PAPER_MUSCLES.size()];
        driver.initialExcitation(u0);
        double[] a0 = new double[u0.length];
        for (int m = 0; m < a0.length; m++) {
            a0[m] = plant.muscle(m).clampActivation(u0[m]);
        }
        double[] y0 = plant.restState(controller.initialPositions(), a0);
        Dataset data = run(setup, plant, y0, driver, true, progress);
        ObjectNode d = data.description();
        ObjectNode drv = d.putObject("driver");
        drv.put("kind", "synthesised EMG");
        drv.put("movement", movement);
        drv.put("seed", seed);
        drv.put("controller", controller.describe());
        ObjectNode f = d.putObject("emg_filter");
        f.put("equation", "u(k) = alpha [gamma e(k - d_l) + (1 - gamma) e(k - d_h)] - beta1 u(k - 1) - beta2 u(k - 2)"
                + " (eq. 19-21), k in samples; input and output at rest at e(0) before the first sample");
        f.put("c1", filter.c1());
        f.put("c2", filter.c2());
        f.put("delay_s", sh.delay());
        f.put("delay_samples", filter.delaySamples());
        f.put("alpha", filter.alpha());
        f.put("beta1", filter.beta1());
        f.put("beta2", filter.beta2());
        f.put("excitation_between_samples", "linear");
        return data;
    }

    /** Positions of all free coordinates from the given independent ones (model defaults for the others). */
    static double[] initialPositions(Constraints c, Map<String, Double> given) {
        MultibodySystem sys = c.system();
        double[] defaults = c.independentPart(sys.defaultPositions());
        return c.complete(given == null ? Map.of() : given, defaults, 1e-9, false);
    }

    private static Dataset run(Setup setup, ArmPlant plant, double[] y0, Driver driver, boolean emg,
            IntConsumer progress) {
        int samples = setup.samples();
        Dataset data = new Dataset(plant.system().coordinateNames(), PAPER_MUSCLES, samples, setup.rate(), emg);
        ForwardSimulation sim = new ForwardSimulation(plant, setup.tolerance());
        long t0 = System.nanoTime();
        sim.run(y0, driver, samples, setup.rate(), data.recorder(), progress);
        double wall = (System.nanoTime() - t0) * 1e-9;
        ObjectMapper mapper = Dataset.mapper();
        ObjectNode gt = setup.truth().toJson(mapper);
        data.setDescription(describe(setup, plant, data, sim, wall, mapper), gt);
        return data;
    }

    private static ObjectNode describe(Setup setup, ArmPlant plant, Dataset data, ForwardSimulation sim,
            double wall, ObjectMapper mapper) {
        ObjectNode d = mapper.createObjectNode();
        d.put("format", Dataset.FORMAT);
        d.put("format_version", Dataset.FORMAT_VERSION);
        d.put("created_by", "armid simulate");
        ObjectNode model = d.putObject("model");
        model.put("name", plant.model().name());
        model.put("file", setup.modelFile());
        model.put("sha256", setup.modelSha256());
        ObjectNode locks = model.putObject("locked_coordinates");
        plant.system().lockedCoordinates().forEach(locks::put);
        d.put("duration", setup.duration());
        d.put("sample_rate", setup.rate());
        d.put("samples", data.samples());
        d.put("time", "sample k at t = k / sample_rate s, from 0 to duration inclusive");
        Constraints c = plant.constraints();
        int n = plant.dof();
        ArrayNode coords = d.putArray("coordinates");
        int[] ind = c.independent();
        for (int i = 0; i < n; i++) {
            Coordinate co = plant.system().coordinate(i);
            ObjectNode o = coords.addObject();
            o.put("name", co.name());
            boolean independent = false;
            for (int j : ind) {
                independent |= j == i;
            }
            o.put("independent", independent);
            o.putArray("range").add(co.rangeMin()).add(co.rangeMax());
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : data.q(i)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            o.putArray("simulated_range").add(lo).add(hi);
            if (independent) {
                o.put("range_fraction_swept", (hi - lo) / (co.rangeMax() - co.rangeMin()));
            }
            o.put("inside_range", lo >= co.rangeMin() && hi <= co.rangeMax());
        }
        ObjectNode cons = d.putObject("constraints");
        cons.put("equation", "G q-ddot = b (eq. 2); G q = 0 holds for the positions too (couplers through the origin"
                + " of the dependent coordinates' offsets are in q0 below)");
        double[] g = c.matrix();
        ArrayNode gm = cons.putArray("G");
        for (int r = 0; r < c.rows(); r++) {
            ArrayNode row = gm.addArray();
            for (int i = 0; i < n; i++) {
                row.add(g[r * n + i]);
            }
        }
        ArrayNode b = cons.putArray("b");
        for (double v : c.bias()) {
            b.add(v);
        }
        ArrayNode ms = d.putArray("muscles");
        for (String m : PAPER_MUSCLES) {
            ObjectNode o = ms.addObject();
            o.put("name", m);
            o.put("group", SUPERFICIAL.contains(m) ? "superficial" : "deep");
            o.put("rigid_tendon", plant.muscle(PAPER_MUSCLES.indexOf(m)).hasRigidTendon());
        }
        ObjectNode forces = d.putObject("forces");
        forces.put("gravity", true);
        forces.put("driven_muscles", String.join(" ", PAPER_MUSCLES));
        forces.put("other_muscles", setup.options().otherMuscles());
        if (setup.options().otherMuscles()) {
            forces.put("other_muscles_activation", setup.options().otherMusclesActivation());
        }
        forces.put("ligaments", setup.options().ligaments());
        forces.put("coordinate_limit_forces", setup.options().coordinateLimitForces());
        ObjectNode act = d.putObject("activation_dynamics");
        act.put("equation", "da/dt = (u - a) / t(u, a), t = t_act (0.5 + 1.5 a) if u > a else t_de / (0.5 + 1.5 a)"
                + " (eq. 17-18), a clamped to [minimum_activation, 1], integrated continuously");
        act.put("activation_time_constant", setup.truth().shared().activationTimeConstant());
        act.put("deactivation_time_constant", setup.truth().shared().deactivationTimeConstant());
        act.put("minimum_activation", plant.muscle(0).activationDynamics().minimumActivation());
        ObjectNode conv = d.putObject("conventions");
        conv.put("moment_arm", "r = -d l_mt / d q_i for every free coordinate, the others held fixed "
                + "(geometric, dependent coordinates included)");
        conv.put("paths", "OpenSim GeometryPath geometry with wrap passes repeated until the length changes by less "
                + "than 1e-12 m and lengths from the latest tangent points (OpenSim: 0.5 mm and cached tangent points;"
                + " the two differ only on paths with several wraps)");
        conv.put("generalized_muscle_forces", "tau_m = J_m^T f_m with J_m[muscle][coordinate] from moment_arms.sto");
        conv.put("equations_of_motion", "M(q) q-ddot + tau_bias(q, q-dot) + G^T lambda = J_m^T f_m (eq. 1), "
                + "gravity -9.80665 m/s^2 along ground Y");
        ObjectNode integ = d.putObject("integrator");
        integ.put("method", "Dormand-Prince 8(5,3), Hipparchus, restarted at every sample");
        integ.put("tolerance", setup.tolerance());
        integ.put("evaluations", sim.evaluations());
        integ.put("steps", sim.steps());
        integ.put("fixed_step_intervals", sim.fallbacks());
        integ.put("fixed_step_scheme", "classical Runge-Kutta, " + ForwardSimulation.FALLBACK_SUBSTEPS
                + " steps per piece where the error control cannot pass a discontinuity (its step would fall below "
                + ForwardSimulation.DEFAULT_MIN_STEP + " s or the piece would cost more than "
                + ForwardSimulation.DEFAULT_MAX_PIECE_EVALUATIONS + " right-hand sides)");
        d.put("wall_time_s", wall);
        ObjectNode files = d.putObject("files");
        Dataset.FILES.forEach((k, v) -> {
            if (!k.equals("emg.sto") || data.hasEmg()) {
                files.put(k, v);
            }
        });
        files.put(Dataset.GROUND_TRUTH, "the parameters simulated with (bodies, muscles, shared)");
        return d;
    }

    /** Hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(md.digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
