package armid.identify;

import armid.model.Model;
import armid.model.mechanics.Body;
import armid.model.muscle.MillardParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Every parameter the identification can move, in one fixed order (the layout of the full parameter vector θ used
 * by {@link IdentificationLoss}):
 *
 * <ol>
 *   <li>30 bone parameters: for humerus, ulna, radius (in that order) {@code mass}, {@code mass_center_x/y/z},
 *       {@code inertia_xx yy zz xy xz yz} (about the centre of mass, body frame: OpenSim's Body properties);</li>
 *   <li>80 muscle parameters: for each of the 16 muscles of the paper ({@link #MUSCLES}, in that order)
 *       {@code max_isometric_force, optimal_fiber_length, max_contraction_velocity, pennation_angle_at_optimal,
 *       tendon_slack_length} (OpenSim's Muscle properties; max_contraction_velocity in optimal fibre lengths per
 *       second, as OpenSim defines it);</li>
 *   <li>5 shared parameters: {@code activation_time_constant}, {@code deactivation_time_constant} (eq. 18, the same
 *       for every muscle), the EMG filter's {@code c1}, {@code c2} and {@code electromechanical_delay} t_d in
 *       seconds (eq. 19–21).</li>
 * </ol>
 *
 * <p>{@link #selectM1()} selects the paper's 80 parameters (30 bone + 9 × 5 muscle + 5 shared), of which the
 * pennation of BIClong and BICshort is held at zero (they are not pennated; the paper keeps them at their ground
 * truth, Fig. 5), so 78 move. {@link #selectM2()} adds the five parameters of TRIlat, BRD and the five deep muscles.
 * {@link #notIdentifiableInM1()} says which muscles M1 cannot identify and why.
 */
public final class ParameterRegistry {
    /** The paper's 16 muscles: 11 superficial, then 5 deep. */
    public static final List<String> MUSCLES = List.of("PECM1", "PECM2", "PECM3", "DELT1", "DELT2", "DELT3",
            "BIClong", "BICshort", "TRIlong", "TRIlat", "BRD", "INFSP", "SUBSC", "TRImed", "BRA", "PQ");
    /** Superficial muscles: their EMG is recorded (the first 11 of {@link #MUSCLES}). */
    public static final List<String> SUPERFICIAL = MUSCLES.subList(0, 11);
    /** Deep muscles: no EMG in M1 (the last 5 of {@link #MUSCLES}). */
    public static final List<String> DEEP = MUSCLES.subList(11, 16);
    /** Superficial muscles whose parameters M1 identifies (they cross the shoulder). */
    public static final List<String> M1_MUSCLES = MUSCLES.subList(0, 9);
    /** The bones whose inertial parameters are identified. */
    public static final List<String> BONES = List.of("humerus", "ulna", "radius");
    public static final List<String> BONE_PROPERTIES = List.of("mass", "mass_center_x", "mass_center_y",
            "mass_center_z", "inertia_xx", "inertia_yy", "inertia_zz", "inertia_xy", "inertia_xz", "inertia_yz");
    public static final List<String> MUSCLE_PROPERTIES = List.of("max_isometric_force", "optimal_fiber_length",
            "max_contraction_velocity", "pennation_angle_at_optimal", "tendon_slack_length");
    public static final int N_BONE = 30;
    public static final int N_MUSCLE_PARAMS = 5;
    public static final int MUSCLE_OFFSET = N_BONE;
    public static final int SHARED_OFFSET = N_BONE + N_MUSCLE_PARAMS * 16;
    public static final int SIZE = SHARED_OFFSET + 5;
    /** Indices within a muscle's block and of the shared parameters. */
    public static final int F0 = 0, LOPT = 1, VMAX = 2, PENN = 3, LTS = 4;
    public static final int T_ACT = SHARED_OFFSET, T_DEACT = SHARED_OFFSET + 1, C1 = SHARED_OFFSET + 2,
            C2 = SHARED_OFFSET + 3, T_DELAY = SHARED_OFFSET + 4;

    /** Default ground truth of the EMG filter (not in the model file): c1, c2 and delay t_d (s). */
    public static final double DEFAULT_C1 = -0.5;
    public static final double DEFAULT_C2 = -0.4;
    public static final double DEFAULT_DELAY = 0.0405;

    private static final String TRI_BRD_REASON = "acts only on the elbow (El_Fle_Ext%s), where the deep muscles "
            + "TRImed, BRA and PQ span both elbow DoFs: the least-squares deep forces of eq. 13 absorb any error in "
            + "its torque (underdetermined 2x3 block of the deep Jacobian, the paper's III.D), so the M1 loss does "
            + "not depend on its parameters and their gradient vanishes";

    /** A muscle M1 cannot identify, and why. */
    public record NotIdentifiable(String muscle, String reason) {
    }

    private final List<ParameterDriver> drivers;
    private final double minimumActivation;

    private ParameterRegistry(List<ParameterDriver> drivers, double minimumActivation) {
        this.drivers = drivers;
        this.minimumActivation = minimumActivation;
    }

    /** Ground truth from the model file (bodies, muscles) and the default EMG filter; nothing selected. */
    public static ParameterRegistry fromModel(Model model) {
        return fromModel(model, DEFAULT_C1, DEFAULT_C2, DEFAULT_DELAY);
    }

    /** Ground truth from the model file, with the given EMG filter coefficients and delay (s). */
    public static ParameterRegistry fromModel(Model model, double c1, double c2, double delaySeconds) {
        List<ParameterDriver> d = new ArrayList<>();
        for (String bone : BONES) {
            Body b = model.bodies().get(model.bodyIndex(bone));
            String comp = "/bodyset/" + bone;
            d.add(newDriver(comp, "mass", b.mass()));
            for (int k = 0; k < 3; k++) {
                d.add(newDriver(comp, BONE_PROPERTIES.get(1 + k), b.massCenter()[k]));
            }
            for (int k = 0; k < 6; k++) {
                d.add(newDriver(comp, BONE_PROPERTIES.get(4 + k), b.inertia()[k]));
            }
        }
        double aMin = Double.NaN;
        MillardParameters first = null;
        for (String m : MUSCLES) {
            MillardParameters p = MillardParameters.fromForceElement(model.force(m));
            if (first == null) {
                first = p;
                aMin = p.minimumActivation();
            }
            String comp = "/forceset/" + m;
            d.add(newDriver(comp, MUSCLE_PROPERTIES.get(F0), p.maxIsometricForce()));
            d.add(newDriver(comp, MUSCLE_PROPERTIES.get(LOPT), p.optimalFiberLength()));
            d.add(newDriver(comp, MUSCLE_PROPERTIES.get(VMAX), p.maxContractionVelocity()));
            d.add(newDriver(comp, MUSCLE_PROPERTIES.get(PENN), p.pennationAngleAtOptimal()));
            d.add(newDriver(comp, MUSCLE_PROPERTIES.get(LTS), p.tendonSlackLength()));
        }
        d.add(newDriver(SHARED_MUSCLE_COMPONENT, "activation_time_constant", first.activationTimeConstant()));
        d.add(newDriver(SHARED_MUSCLE_COMPONENT, "deactivation_time_constant", first.deactivationTimeConstant()));
        d.add(newDriver(EMG_COMPONENT, "c1", c1));
        d.add(newDriver(EMG_COMPONENT, "c2", c2));
        d.add(newDriver(EMG_COMPONENT, "electromechanical_delay", delaySeconds));
        holdUnpennated(d);
        return new ParameterRegistry(Collections.unmodifiableList(d), aMin);
    }

    /** Component of the shared activation time constants. */
    public static final String SHARED_MUSCLE_COMPONENT = "/forceset/*";
    /** Component of the EMG filter's parameters. */
    public static final String EMG_COMPONENT = "/emg";

    /**
     * A registry whose ground truth is replaced, parameter by parameter, by {@code groundTruth} (keys are parameter
     * names, {@code component:property}); the others keep this registry's. Scales and bounds follow the new values
     * by the same rules as {@link #fromModel}; nothing is selected and every value starts at its ground truth.
     *
     * @throws IllegalArgumentException for a name that is no parameter, or a value outside the physical range
     */
    public ParameterRegistry withGroundTruth(java.util.Map<String, Double> groundTruth) {
        java.util.Set<String> unknown = new java.util.TreeSet<>(groundTruth.keySet());
        List<ParameterDriver> d = new ArrayList<>();
        for (ParameterDriver p : drivers) {
            Double v = groundTruth.get(p.name());
            unknown.remove(p.name());
            double gt = v == null ? p.groundTruth() : v;
            ParameterDriver nd = newDriver(p.component(), p.property(), gt);
            if (!(gt >= nd.min() && gt <= nd.max())) {
                throw new IllegalArgumentException("ground truth of " + p.name() + " = " + gt
                        + " is outside its physical range [" + nd.min() + ", " + nd.max() + "]");
            }
            d.add(nd);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no such parameters: " + String.join(", ", unknown));
        }
        holdUnpennated(d);
        return new ParameterRegistry(Collections.unmodifiableList(d), minimumActivation);
    }

    /** A driver with the scale and bounds of its kind of property, at ground truth {@code v}. */
    private static ParameterDriver newDriver(String comp, String property, double v) {
        double inf = Double.POSITIVE_INFINITY;
        if (comp.startsWith("/bodyset/")) {
            ParameterDriver.Kind k = ParameterDriver.Kind.BONE;
            if (property.equals("mass")) {
                return new ParameterDriver(comp, property, k, v, Math.abs(v) > 0 ? Math.abs(v) : 1, 1e-6, inf);
            }
            if (property.startsWith("mass_center")) {
                return new ParameterDriver(comp, property, k, v, v != 0 ? Math.abs(v) : 0.01, -inf, inf);
            }
            boolean diagonal = property.equals("inertia_xx") || property.equals("inertia_yy")
                    || property.equals("inertia_zz");
            return new ParameterDriver(comp, property, k, v, v != 0 ? Math.abs(v) : 1e-4, diagonal ? 1e-12 : -inf,
                    inf);
        }
        if (comp.equals(EMG_COMPONENT)) {
            ParameterDriver.Kind k = ParameterDriver.Kind.SHARED;
            if (property.equals("electromechanical_delay")) {
                return new ParameterDriver(comp, property, k, v, Math.max(v, 0.01), 0, inf);
            }
            return new ParameterDriver(comp, property, k, v, Math.max(Math.abs(v), 0.1), -1 + 1e-9, 1 - 1e-9);
        }
        ParameterDriver.Kind k = comp.equals(SHARED_MUSCLE_COMPONENT) ? ParameterDriver.Kind.SHARED
                : ParameterDriver.Kind.MUSCLE;
        if (property.equals(MUSCLE_PROPERTIES.get(PENN))) {
            return new ParameterDriver(comp, property, k, v, v > 0 ? v : 0.1, 0, Math.PI / 2 - 1e-6);
        }
        return new ParameterDriver(comp, property, k, v, Math.abs(v) > 0 ? Math.abs(v) : 1, 1e-6, inf);
    }

    /** Not pennated muscles: pennation held at zero (the paper's BIClong, BICshort). */
    private static void holdUnpennated(List<ParameterDriver> d) {
        for (int m = 0; m < MUSCLES.size(); m++) {
            ParameterDriver pd = d.get(muscleIndex(m, PENN));
            if (pd.groundTruth() == 0) {
                pd.holdFixed(MUSCLES.get(m) + " is not pennated: pennation_angle_at_optimal stays at zero");
            }
        }
    }

    /** Index in θ of parameter {@code k} ({@link #F0}…{@link #LTS}) of muscle {@code m} (index in MUSCLES). */
    public static int muscleIndex(int m, int k) {
        return MUSCLE_OFFSET + N_MUSCLE_PARAMS * m + k;
    }

    /** The muscle (index into MUSCLES) of muscle parameter i. */
    public static int muscleOf(int i) {
        if (i < MUSCLE_OFFSET || i >= SHARED_OFFSET) {
            throw new IllegalArgumentException("parameter " + i + " is not a muscle parameter");
        }
        return (i - MUSCLE_OFFSET) / N_MUSCLE_PARAMS;
    }

    /** True for the tendon slack length of any muscle. */
    public static boolean isTendonSlackLength(int i) {
        return i >= MUSCLE_OFFSET && i < SHARED_OFFSET && (i - MUSCLE_OFFSET) % N_MUSCLE_PARAMS == LTS;
    }

    public List<ParameterDriver> drivers() {
        return drivers;
    }

    public ParameterDriver driver(int i) {
        return drivers.get(i);
    }

    /** The driver called {@code component:property}. */
    public ParameterDriver driver(String name) {
        for (ParameterDriver p : drivers) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    public int size() {
        return drivers.size();
    }

    /** The muscles' minimum activation (a_min, OpenSim's minimum_activation, the same for all 16). */
    public double minimumActivation() {
        return minimumActivation;
    }

    /** Selects the paper's M1 parameters: 30 bone, 5 for each of the 9 shoulder-crossing superficial muscles, 5 shared. */
    public ParameterRegistry selectM1() {
        for (int i = 0; i < drivers.size(); i++) {
            boolean s = i < N_BONE || i >= SHARED_OFFSET
                    || (i - MUSCLE_OFFSET) / N_MUSCLE_PARAMS < M1_MUSCLES.size();
            drivers.get(i).setSelected(s);
        }
        return this;
    }

    /** Selects M2's parameters: M1's and the five of TRIlat, BRD and each deep muscle. */
    public ParameterRegistry selectM2() {
        for (ParameterDriver p : drivers) {
            p.setSelected(true);
        }
        return this;
    }

    /** Indices (in θ) of the selected parameters. */
    public int[] selected() {
        return java.util.stream.IntStream.range(0, drivers.size()).filter(i -> drivers.get(i).isSelected())
                .toArray();
    }

    /** Current values θ. */
    public double[] values() {
        return drivers.stream().mapToDouble(ParameterDriver::value).toArray();
    }

    public double[] groundTruth() {
        return drivers.stream().mapToDouble(ParameterDriver::groundTruth).toArray();
    }

    /** Sets every current value (bounds checked, naming the parameter at fault). */
    public void setValues(double[] theta) {
        for (int i = 0; i < drivers.size(); i++) {
            drivers.get(i).setValue(theta[i]);
        }
    }

    /**
     * Draws the initial guess of every selected parameter as the paper's eq. 24, π₀ ~ N(π_gt, (0.1 π_gt)²) (the
     * standard deviation is {@code relativeSd}·|π_gt|), clipped to the bounds; unselected ones start at their
     * ground truth. Sets initial and current values and returns them.
     */
    public double[] drawInitialGuess(long seed, double relativeSd) {
        Random r = new Random(seed);
        double[] out = new double[drivers.size()];
        for (int i = 0; i < drivers.size(); i++) {
            ParameterDriver p = drivers.get(i);
            double gt = p.groundTruth();
            double v = gt;
            // One draw per parameter, selected or not: with one seed, M1 and M2 start their common parameters
            // from the same values (the paper's paired comparison, IV.C).
            double z = r.nextGaussian();
            if (p.isSelected()) {
                v = gt + relativeSd * Math.abs(gt) * z;
                v = Math.max(p.min(), Math.min(p.max(), v));
            }
            p.setInitial(v);
            out[i] = v;
        }
        return out;
    }

    /** The muscles M1 cannot identify (TRIlat, BRD), each with the reason. */
    public static List<NotIdentifiable> notIdentifiableInM1() {
        return List.of(new NotIdentifiable("TRIlat", String.format(TRI_BRD_REASON, " only")),
                new NotIdentifiable("BRD", String.format(TRI_BRD_REASON, " and El_Pro_Sup")));
    }
}
