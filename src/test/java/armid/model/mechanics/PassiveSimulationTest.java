package armid.model.mechanics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.simulate.PassiveSimulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MoBL-ARMS falling under gravity alone conserves energy and keeps its couplers. */
class PassiveSimulationTest {
    @Test
    void energyIsConservedAndCouplersHoldOver2Seconds() {
        Constraints cons = MoblFixture.CONSTRAINTS;
        MultibodySystem sys = MoblFixture.SYSTEM;
        // Start from the default pose with the arm moving, so every body takes part.
        double[] q0 = sys.defaultPositions();
        double[] qd0 = cons.speeds(new double[] {0.5, -0.8, 1.0, 1.5, -2.0});
        List<PassiveSimulation.Sample> samples = new PassiveSimulation(cons, 1e-12, 1e-12).run(q0, qd0, 2.0, 0.01);
        assertEquals(201, samples.size());
        double e0 = samples.get(0).totalEnergy();
        double scale = Math.abs(samples.get(0).kineticEnergy()) + Math.abs(samples.get(0).potentialEnergy());
        double worstEnergy = 0;
        double worstCoupler = 0;
        double swing = 0;
        for (PassiveSimulation.Sample s : samples) {
            worstEnergy = Math.max(worstEnergy, Math.abs(s.totalEnergy() - e0) / scale);
            for (double err : cons.positionErrors(s.q())) {
                worstCoupler = Math.max(worstCoupler, Math.abs(err));
            }
            swing = Math.max(swing, Math.abs(s.q()[14] - q0[14]));
        }
        assertTrue(swing > 0.5, "the elbow should swing, moved " + swing);
        assertTrue(worstEnergy < 1e-6, "relative energy drift " + worstEnergy);
        assertTrue(worstCoupler < 1e-9, "coupler violation " + worstCoupler);
    }
}
