package armid.model.muscle;

import armid.model.muscle.curve.ActiveForceLengthCurve;
import armid.model.muscle.curve.FiberForceLengthCurve;
import armid.model.muscle.curve.ForceVelocityCurve;
import armid.model.muscle.curve.TendonForceLengthCurve;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The properties of one OpenSim {@code Millard2012EquilibriumMuscle}, named as in the model file, in SI units
 * (N, m, rad, s; max_contraction_velocity in optimal fibre lengths per second).
 *
 * <p>These are the values as written (or, when absent, OpenSim 4.x's defaults). The adjustments OpenSim makes when
 * it finalises a muscle (for instance zeroing the active-force-length curve's minimum value for the damped model)
 * are not applied here; {@link Millard2012EquilibriumMuscle} applies them.
 *
 * @param maxIsometricForce          max_isometric_force (N)
 * @param optimalFiberLength         optimal_fiber_length (m)
 * @param tendonSlackLength          tendon_slack_length (m)
 * @param pennationAngleAtOptimal    pennation_angle_at_optimal (rad)
 * @param maxContractionVelocity     max_contraction_velocity (optimal fibre lengths / s)
 * @param fiberDamping               fiber_damping (normalised; below 0.001 OpenSim uses the undamped model)
 * @param defaultActivation          default_activation
 * @param minimumActivation          minimum_activation
 * @param activationTimeConstant     activation_time_constant (s)
 * @param deactivationTimeConstant   deactivation_time_constant (s)
 * @param ignoreTendonCompliance     ignore_tendon_compliance (rigid tendon)
 * @param ignoreActivationDynamics   ignore_activation_dynamics (activation = excitation)
 * @param maximumPennationAngle      maximum_pennation_angle (rad)
 * @param activeForceLength          the ActiveForceLengthCurve's properties
 * @param forceVelocity              the ForceVelocityCurve's properties
 * @param fiberForceLength           the FiberForceLengthCurve's properties
 * @param tendonForceLength          the TendonForceLengthCurve's properties
 */
public record MillardParameters(
        double maxIsometricForce,
        double optimalFiberLength,
        double tendonSlackLength,
        double pennationAngleAtOptimal,
        double maxContractionVelocity,
        double fiberDamping,
        double defaultActivation,
        double minimumActivation,
        double activationTimeConstant,
        double deactivationTimeConstant,
        boolean ignoreTendonCompliance,
        boolean ignoreActivationDynamics,
        double maximumPennationAngle,
        ActiveForceLengthCurve.Parameters activeForceLength,
        ForceVelocityCurve.Parameters forceVelocity,
        FiberForceLengthCurve.Parameters fiberForceLength,
        TendonForceLengthCurve.Parameters tendonForceLength) {

    /** OpenSim 4.x default of max_isometric_force (Muscle). */
    public static final double DEFAULT_MAX_ISOMETRIC_FORCE = 1000.0;
    /** OpenSim 4.x default of optimal_fiber_length (Muscle). */
    public static final double DEFAULT_OPTIMAL_FIBER_LENGTH = 0.1;
    /** OpenSim 4.x default of tendon_slack_length (Muscle). */
    public static final double DEFAULT_TENDON_SLACK_LENGTH = 0.2;
    /** OpenSim 4.x default of pennation_angle_at_optimal (Muscle). */
    public static final double DEFAULT_PENNATION_ANGLE_AT_OPTIMAL = 0.0;
    /** OpenSim 4.x default of max_contraction_velocity (Muscle). */
    public static final double DEFAULT_MAX_CONTRACTION_VELOCITY = 10.0;
    /** OpenSim 4.x default of fiber_damping (Millard2012EquilibriumMuscle). */
    public static final double DEFAULT_FIBER_DAMPING = 0.1;
    /** OpenSim 4.x default of default_activation (Millard2012EquilibriumMuscle). */
    public static final double DEFAULT_DEFAULT_ACTIVATION = 0.05;
    /** OpenSim 4.x default of minimum_activation (Millard2012EquilibriumMuscle). */
    public static final double DEFAULT_MINIMUM_ACTIVATION = 0.01;
    /** OpenSim 4.x default of activation_time_constant (Millard2012EquilibriumMuscle). */
    public static final double DEFAULT_ACTIVATION_TIME_CONSTANT = 0.010;
    /** OpenSim 4.x default of deactivation_time_constant (Millard2012EquilibriumMuscle). */
    public static final double DEFAULT_DEACTIVATION_TIME_CONSTANT = 0.040;
    /** OpenSim 4.x default of maximum_pennation_angle (Millard2012EquilibriumMuscle): acos(0.1). */
    public static final double DEFAULT_MAXIMUM_PENNATION_ANGLE = Math.acos(0.1);

    public MillardParameters {
        Objects.requireNonNull(activeForceLength, "activeForceLength");
        Objects.requireNonNull(forceVelocity, "forceVelocity");
        Objects.requireNonNull(fiberForceLength, "fiberForceLength");
        Objects.requireNonNull(tendonForceLength, "tendonForceLength");
        requirePositive("max_isometric_force", maxIsometricForce);
        requirePositive("optimal_fiber_length", optimalFiberLength);
        requirePositive("tendon_slack_length", tendonSlackLength);
        requirePositive("max_contraction_velocity", maxContractionVelocity);
        if (!(pennationAngleAtOptimal >= 0 && pennationAngleAtOptimal < Math.PI / 2)) {
            throw new IllegalArgumentException(
                    "pennation_angle_at_optimal must be in [0, pi/2), got " + pennationAngleAtOptimal);
        }
        if (!(maximumPennationAngle >= 0 && maximumPennationAngle <= Math.PI / 2)) {
            throw new IllegalArgumentException(
                    "maximum_pennation_angle must be in [0, pi/2], got " + maximumPennationAngle);
        }
        if (!(fiberDamping >= 0)) {
            throw new IllegalArgumentException("fiber_damping must be >= 0, got " + fiberDamping);
        }
        if (!(minimumActivation >= 0 && minimumActivation < 1)) {
            throw new IllegalArgumentException("minimum_activation must be in [0, 1), got " + minimumActivation);
        }
        if (!(defaultActivation >= 0 && defaultActivation <= 1)) {
            throw new IllegalArgumentException("default_activation must be in [0, 1], got " + defaultActivation);
        }
        requirePositive("activation_time_constant", activationTimeConstant);
        requirePositive("deactivation_time_constant", deactivationTimeConstant);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    /**
     * A muscle with OpenSim 4.x's default properties and curves except for the four architecture parameters.
     */
    public static MillardParameters of(double maxIsometricForce, double optimalFiberLength, double tendonSlackLength,
                                       double pennationAngleAtOptimal) {
        return new MillardParameters(maxIsometricForce, optimalFiberLength, tendonSlackLength,
                pennationAngleAtOptimal, DEFAULT_MAX_CONTRACTION_VELOCITY, DEFAULT_FIBER_DAMPING,
                DEFAULT_DEFAULT_ACTIVATION, DEFAULT_MINIMUM_ACTIVATION, DEFAULT_ACTIVATION_TIME_CONSTANT,
                DEFAULT_DEACTIVATION_TIME_CONSTANT, false, false, DEFAULT_MAXIMUM_PENNATION_ANGLE,
                ActiveForceLengthCurve.Parameters.defaults(), ForceVelocityCurve.Parameters.defaults(),
                FiberForceLengthCurve.Parameters.defaults(), TendonForceLengthCurve.Parameters.defaults());
    }

    /** The scalar properties of a muscle element as read from the file, with OpenSim's default curves. */
    /**
     * The parameters of a Millard2012EquilibriumMuscle force element as read from a model file: its scalar
     * properties and its four curve elements (absent properties take OpenSim 4.x defaults).
     */
    public static MillardParameters fromForceElement(armid.model.ForceElement muscle) {
        if (!muscle.type().equals("Millard2012EquilibriumMuscle")) {
            throw new IllegalArgumentException("force element " + muscle.name() + " is a " + muscle.type()
                    + ", not a Millard2012EquilibriumMuscle");
        }
        var curves = armid.model.muscle.curve.CurveProperties.Set.of(muscle::component);
        try {
            return fromProperties(muscle.properties(), curves.activeForceLength(), curves.forceVelocity(),
                    curves.fiberForceLength(), curves.tendonForceLength());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("muscle " + muscle.name() + ": " + e.getMessage(), e);
        }
    }

    public static MillardParameters fromProperties(Map<String, String> properties) {
        return fromProperties(properties, ActiveForceLengthCurve.Parameters.defaults(),
                ForceVelocityCurve.Parameters.defaults(), FiberForceLengthCurve.Parameters.defaults(),
                TendonForceLengthCurve.Parameters.defaults());
    }

    /**
     * The scalar properties of a muscle element as read from the file (property name to its text, e.g.
     * "max_isometric_force" to "1142.6"), OpenSim 4.x's defaults for the absent ones, and the curves' properties,
     * which the file holds in nested elements. Properties this record does not hold are ignored.
     *
     * @throws IllegalArgumentException naming the property when a value is not a number (or not true/false), or is
     *                                  out of OpenSim's range
     */
    public static MillardParameters fromProperties(Map<String, String> properties,
                                                   ActiveForceLengthCurve.Parameters activeForceLength,
                                                   ForceVelocityCurve.Parameters forceVelocity,
                                                   FiberForceLengthCurve.Parameters fiberForceLength,
                                                   TendonForceLengthCurve.Parameters tendonForceLength) {
        return new MillardParameters(
                number(properties, "max_isometric_force", DEFAULT_MAX_ISOMETRIC_FORCE),
                number(properties, "optimal_fiber_length", DEFAULT_OPTIMAL_FIBER_LENGTH),
                number(properties, "tendon_slack_length", DEFAULT_TENDON_SLACK_LENGTH),
                number(properties, "pennation_angle_at_optimal", DEFAULT_PENNATION_ANGLE_AT_OPTIMAL),
                number(properties, "max_contraction_velocity", DEFAULT_MAX_CONTRACTION_VELOCITY),
                number(properties, "fiber_damping", DEFAULT_FIBER_DAMPING),
                number(properties, "default_activation", DEFAULT_DEFAULT_ACTIVATION),
                number(properties, "minimum_activation", DEFAULT_MINIMUM_ACTIVATION),
                number(properties, "activation_time_constant", DEFAULT_ACTIVATION_TIME_CONSTANT),
                number(properties, "deactivation_time_constant", DEFAULT_DEACTIVATION_TIME_CONSTANT),
                bool(properties, "ignore_tendon_compliance", false),
                bool(properties, "ignore_activation_dynamics", false),
                number(properties, "maximum_pennation_angle", DEFAULT_MAXIMUM_PENNATION_ANGLE),
                activeForceLength, forceVelocity, fiberForceLength, tendonForceLength);
    }

    private static double number(Map<String, String> properties, String name, double fallback) {
        String text = properties.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property " + name + " is not a number: '" + text + "'", e);
        }
    }

    private static boolean bool(Map<String, String> properties, String name, boolean fallback) {
        String text = properties.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "property " + name + " must be true or false, got '" + text + "'");
        };
    }

    /** A copy with other values of the five parameters the identification estimates. */
    public MillardParameters withArchitecture(double maxIsometricForce, double optimalFiberLength,
                                              double tendonSlackLength, double pennationAngleAtOptimal,
                                              double maxContractionVelocity) {
        return new MillardParameters(maxIsometricForce, optimalFiberLength, tendonSlackLength,
                pennationAngleAtOptimal, maxContractionVelocity, fiberDamping, defaultActivation,
                minimumActivation, activationTimeConstant, deactivationTimeConstant, ignoreTendonCompliance,
                ignoreActivationDynamics, maximumPennationAngle, activeForceLength, forceVelocity,
                fiberForceLength, tendonForceLength);
    }

    /** A copy with other activation and deactivation time constants. */
    public MillardParameters withTimeConstants(double activationTimeConstant, double deactivationTimeConstant) {
        return new MillardParameters(maxIsometricForce, optimalFiberLength, tendonSlackLength,
                pennationAngleAtOptimal, maxContractionVelocity, fiberDamping, defaultActivation,
                minimumActivation, activationTimeConstant, deactivationTimeConstant, ignoreTendonCompliance,
                ignoreActivationDynamics, maximumPennationAngle, activeForceLength, forceVelocity,
                fiberForceLength, tendonForceLength);
    }
}
