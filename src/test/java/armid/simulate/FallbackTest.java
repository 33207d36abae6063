package armid.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * Where the error control cannot cross a discontinuity of the right-hand side (Hipparchus then throws a
 * MathIllegalArgumentException, "minimal step size reached"), the piece is crossed with fixed steps, counted and
 * described; failures of the right-hand side itself still propagate.
 */
class FallbackTest {
    /** y' = -1000 sign(y): reaches 0 at t = 5e-4 and then chatters about it (a sliding mode). */
    private static final OrdinaryDifferentialEquation CHATTER = new OrdinaryDifferentialEquation() {
        @Override
        public int getDimension() {
            return 1;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            return new double[] {y[0] >= 0 ? -1000 : 1000};
        }
    };

    @Test
    void aChatteringDiscontinuityFailsTheErrorControlAsAnArgumentException() {
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-10, 1e-3, 1e-8, 1e-8);
        MathIllegalArgumentException e = assertThrows(MathIllegalArgumentException.class,
                () -> dp.integrate(CHATTER, new org.hipparchus.ode.ODEState(0, new double[] {0.5}), 1e-3));
        assertTrue(ForwardSimulation.isStepFailure(e), e.getMessage());
    }

    @Test
    void theFallbackCrossesThePieceCountsAndDescribesIt() {
        List<String> log = new ArrayList<>();
        ForwardSimulation sim = new ForwardSimulation(null, 1e-8).failureLog(log::add).describeFailures(true);
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-10, 1e-3, 1e-8, 1e-8);
        double[] y = {0.5};
        for (int k = 0; k < 5; k++) {
            y = sim.crossPiece(dp, CHATTER, k * 1e-3, y, (k + 1) * 1e-3, () -> "STATE");
        }
        // the first piece reaches the switching surface, every later one starts on it
        assertEquals(5, sim.fallbacks());
        assertTrue(Math.abs(y[0]) < 1e-3 * 1000 / ForwardSimulation.FALLBACK_SUBSTEPS + 1e-12, "y = " + y[0]);
        assertEquals(ForwardSimulation.DESCRIBED_FAILURES + 1, log.size(), log.toString());
        assertTrue(log.get(0).contains("STATE") && log.get(0).contains("minimal step size"), log.get(0));
    }

    @Test
    void aSmoothPieceNeedsNoFallback() {
        ForwardSimulation sim = new ForwardSimulation(null, 1e-8).failureLog(null);
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-10, 1e-3, 1e-8, 1e-8);
        double[] y = sim.crossPiece(dp, CHATTER, 0, new double[] {2.0}, 1e-3, () -> "STATE");
        assertEquals(0, sim.fallbacks());
        assertEquals(1.0, y[0], 1e-12);
    }

    @Test
    void aFailureOfTheRightHandSidePropagates() {
        ForwardSimulation sim = new ForwardSimulation(null, 1e-8).failureLog(null);
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-10, 1e-3, 1e-8, 1e-8);
        OrdinaryDifferentialEquation bad = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                throw new MathIllegalArgumentException(LocalizedCoreFormats.NAN_NOT_ALLOWED);
            }
        };
        assertThrows(MathIllegalArgumentException.class,
                () -> sim.crossPiece(dp, bad, 0, new double[] {1.0}, 1e-3, () -> "STATE"));
        assertEquals(0, sim.fallbacks());
    }
}
