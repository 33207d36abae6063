package armid.model.muscle.curve;

import java.util.Map;
import java.util.function.Function;

/**
 * The four Millard curves' parameters from the property values of a muscle's curve elements, as written in an
 * {@code .osim} file ({@code ActiveForceLengthCurve}, {@code ForceVelocityCurve}, {@code FiberForceLengthCurve},
 * {@code TendonForceLengthCurve}); absent properties take OpenSim 4.x defaults, absent optional ones stay NaN so that
 * the curve derives them as OpenSim does.
 */
public final class CurveProperties {
    private CurveProperties() {
    }

    /** Thrown with the element and property named when a value is not a number. */
    private static double get(Map<String, String> p, String element, String key, double fallback) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(element + " " + key + ": not a number: '" + v + "'");
        }
    }

    public static ActiveForceLengthCurve.Parameters activeForceLength(Map<String, String> p) {
        var d = ActiveForceLengthCurve.Parameters.defaults();
        String e = "ActiveForceLengthCurve";
        return new ActiveForceLengthCurve.Parameters(
                get(p, e, "min_norm_active_fiber_length", d.minNormActiveFiberLength()),
                get(p, e, "transition_norm_fiber_length", d.transitionNormFiberLength()),
                get(p, e, "max_norm_active_fiber_length", d.maxNormActiveFiberLength()),
                get(p, e, "shallow_ascending_slope", d.shallowAscendingSlope()),
                get(p, e, "minimum_value", d.minimumValue()));
    }

    public static ForceVelocityCurve.Parameters forceVelocity(Map<String, String> p) {
        var d = ForceVelocityCurve.Parameters.defaults();
        String e = "ForceVelocityCurve";
        return new ForceVelocityCurve.Parameters(
                get(p, e, "concentric_slope_at_vmax", d.concentricSlopeAtVmax()),
                get(p, e, "concentric_slope_near_vmax", d.concentricSlopeNearVmax()),
                get(p, e, "isometric_slope", d.isometricSlope()),
                get(p, e, "eccentric_slope_at_vmax", d.eccentricSlopeAtVmax()),
                get(p, e, "eccentric_slope_near_vmax", d.eccentricSlopeNearVmax()),
                get(p, e, "max_eccentric_velocity_force_multiplier", d.maxEccentricVelocityForceMultiplier()),
                get(p, e, "concentric_curviness", d.concentricCurviness()),
                get(p, e, "eccentric_curviness", d.eccentricCurviness()));
    }

    public static FiberForceLengthCurve.Parameters fiberForceLength(Map<String, String> p) {
        var d = FiberForceLengthCurve.Parameters.defaults();
        String e = "FiberForceLengthCurve";
        return new FiberForceLengthCurve.Parameters(
                get(p, e, "strain_at_zero_force", d.strainAtZeroForce()),
                get(p, e, "strain_at_one_norm_force", d.strainAtOneNormForce()),
                get(p, e, "stiffness_at_low_force", Double.NaN),
                get(p, e, "stiffness_at_one_norm_force", Double.NaN),
                get(p, e, "curviness", Double.NaN));
    }

    public static TendonForceLengthCurve.Parameters tendonForceLength(Map<String, String> p) {
        var d = TendonForceLengthCurve.Parameters.defaults();
        String e = "TendonForceLengthCurve";
        return new TendonForceLengthCurve.Parameters(
                get(p, e, "strain_at_one_norm_force", d.strainAtOneNormForce()),
                get(p, e, "stiffness_at_one_norm_force", Double.NaN),
                get(p, e, "norm_force_at_toe_end", Double.NaN),
                get(p, e, "curviness", Double.NaN));
    }

    /** Looks up the four curve elements through {@code component} (element name → its properties). */
    public record Set(ActiveForceLengthCurve.Parameters activeForceLength,
            ForceVelocityCurve.Parameters forceVelocity, FiberForceLengthCurve.Parameters fiberForceLength,
            TendonForceLengthCurve.Parameters tendonForceLength) {
        public static Set of(Function<String, Map<String, String>> component) {
            return new Set(CurveProperties.activeForceLength(component.apply("ActiveForceLengthCurve")),
                    CurveProperties.forceVelocity(component.apply("ForceVelocityCurve")),
                    CurveProperties.fiberForceLength(component.apply("FiberForceLengthCurve")),
                    CurveProperties.tendonForceLength(component.apply("TendonForceLengthCurve")));
        }
    }
}
