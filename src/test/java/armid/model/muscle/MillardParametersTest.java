package armid.model.muscle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.model.muscle.curve.ActiveForceLengthCurve;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MillardParametersTest {

    /** PECM1's scalar properties as written in shared/models/mobl-arms/MOBL_ARMS_fixed_41.osim. */
    static final Map<String, String> PECM1 = Map.of(
            "max_isometric_force", "444.30000000000001",
            "optimal_fiber_length", "0.14419999999999999",
            "tendon_slack_length", "0.0028",
            "pennation_angle_at_optimal", "0.29670596999999999",
            "max_contraction_velocity", "10",
            "ignore_tendon_compliance", "true",
            "ignore_activation_dynamics", "false",
            "default_activation", "1",
            "minimum_activation", "0",
            "appliesForce", "true");

    @Test
    void scalarsAsWrittenAndOpenSimDefaultsForTheRest() {
        var p = MillardParameters.fromProperties(PECM1);
        assertEquals(444.3, p.maxIsometricForce(), 1e-12);
        assertEquals(0.1442, p.optimalFiberLength(), 1e-15);
        assertEquals(0.0028, p.tendonSlackLength());
        assertEquals(0.29670597, p.pennationAngleAtOptimal(), 1e-15);
        assertTrue(p.ignoreTendonCompliance());
        assertFalse(p.ignoreActivationDynamics());
        assertEquals(1.0, p.defaultActivation());
        assertEquals(0.0, p.minimumActivation());
        // absent: OpenSim 4.x defaults
        assertEquals(0.1, p.fiberDamping());
        assertEquals(0.010, p.activationTimeConstant());
        assertEquals(0.040, p.deactivationTimeConstant());
        assertEquals(Math.acos(0.1), p.maximumPennationAngle());
        assertEquals(ActiveForceLengthCurve.Parameters.defaults(), p.activeForceLength());
    }

    @Test
    void emptyMapGivesOpenSimsMuscleDefaults() {
        var p = MillardParameters.fromProperties(Map.of());
        assertEquals(1000.0, p.maxIsometricForce());
        assertEquals(0.1, p.optimalFiberLength());
        assertEquals(0.2, p.tendonSlackLength());
        assertEquals(0.0, p.pennationAngleAtOptimal());
        assertEquals(10.0, p.maxContractionVelocity());
        assertEquals(0.05, p.defaultActivation());
        assertEquals(0.01, p.minimumActivation());
        assertFalse(p.ignoreTendonCompliance());
    }

    @Test
    void badValuesNameTheProperty() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> MillardParameters.fromProperties(Map.of("optimal_fiber_length", "0.1x")));
        assertTrue(ex.getMessage().contains("optimal_fiber_length"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> MillardParameters.fromProperties(Map.of("ignore_tendon_compliance", "yes")));
        assertTrue(ex.getMessage().contains("ignore_tendon_compliance"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> MillardParameters.fromProperties(Map.of("max_isometric_force", "-5")));
        assertTrue(ex.getMessage().contains("max_isometric_force"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> MillardParameters.fromProperties(Map.of("pennation_angle_at_optimal", "1.6")));
        assertTrue(ex.getMessage().contains("pennation_angle_at_optimal"), ex.getMessage());
    }
}
