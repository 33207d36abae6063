package armid.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.model.Model;
import armid.osim.BundledModels;
import org.junit.jupiter.api.Test;

/** Halving the integrator tolerance moves q by less than 1e-6 rad (a short movement; the benchmark runs 10 s). */
class ToleranceTest {
    @Test
    void halvingTheToleranceChangesQByLessThanAMicroradian() {
        Model model = BundledModels.moblArms();
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        double diff = maxDifference(truth, 1e-8, 1, 0.1, 200);
        assertTrue(diff < 1e-6, "max |dq| = " + diff + " rad");
    }

    static double maxDifference(GroundTruth truth, double tol, int movement, double duration, double rate) {
        Model model = BundledModels.moblArms();
        Dataset a = ReferenceSimulator.movement(setup(model, truth, tol, duration, rate), movement, 5, null);
        Dataset b = ReferenceSimulator.movement(setup(model, truth, tol / 2, duration, rate), movement, 5, null);
        double worst = 0;
        for (int i = 0; i < a.coordinates().size(); i++) {
            for (int k = 0; k < a.samples(); k++) {
                worst = Math.max(worst, Math.abs(a.q(i)[k] - b.q(i)[k]));
            }
        }
        return worst;
    }

    static ReferenceSimulator.Setup setup(Model model, GroundTruth truth, double tol, double duration, double rate) {
        return new ReferenceSimulator.Setup(model, BundledModels.MOBL_ARMS, "", BundledModels.defaultLocks(model),
                truth, ArmPlant.Options.PAPER, tol, duration, rate);
    }
}
