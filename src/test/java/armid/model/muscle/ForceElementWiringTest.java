package armid.model.muscle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import armid.model.ForceElement;
import armid.model.Model;
import armid.osim.BundledModels;
import org.junit.jupiter.api.Test;

/** Millard parameters built from the bundled model's force elements equal the file's values. */
class ForceElementWiringTest {
    @Test
    void delt1AndPecm1FromTheModelFile() {
        Model m = BundledModels.moblArms();
        // DELT1 in MOBL_ARMS_fixed_41.osim: max_isometric_force 1142.6, optimal_fiber_length 0.1752,
        // tendon_slack_length 0.0313, pennation 0.383972; curves "Millard–Schutte matched".
        ForceElement delt1 = m.force("DELT1");
        MillardParameters p = MillardParameters.fromForceElement(delt1);
        assertEquals(Double.parseDouble(delt1.properties().get("max_isometric_force")), p.maxIsometricForce());
        assertEquals(Double.parseDouble(delt1.properties().get("optimal_fiber_length")), p.optimalFiberLength());
        assertEquals(Double.parseDouble(delt1.properties().get("tendon_slack_length")), p.tendonSlackLength());
        assertEquals(Double.parseDouble(delt1.component("ActiveForceLengthCurve").get("min_norm_active_fiber_length")),
                p.activeForceLength().minNormActiveFiberLength());
        assertEquals(Double.parseDouble(delt1.component("TendonForceLengthCurve").get("strain_at_one_norm_force")),
                p.tendonForceLength().strainAtOneNormForce());
        assertEquals(true, MillardParameters.fromForceElement(m.force("PECM1")).ignoreTendonCompliance());
    }
}
