package armid.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Coordinate;
import armid.osim.BundledModels;
import org.junit.jupiter.api.Test;

/**
 * The default movements' references (both movements, default seed, the full 10 s): every coordinate, the eleven
 * dependent ones computed from the couplers included, stays inside its range at every millisecond, clear of the
 * range guard's zone (8 % of the range from each limit) for the independent ones, each independent coordinate
 * sweeps at least 40 % of its range, and shoulder rotation stays at or below 0.45 rad. A short simulated segment
 * checks that the arm follows the reference into its range at the dataset's samples.
 */
class MovementRangeTest {
    static final double DURATION = 10;

    @Test
    void referencesStayInsideTheRangesAndSweepEnough() {
        Model model = BundledModels.moblArms();
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        ArmPlant plant = new ArmPlant(model, BundledModels.defaultLocks(model), ReferenceSimulator.PAPER_MUSCLES,
                truth, ArmPlant.Options.PAPER);
        Constraints c = plant.constraints();
        int[] ind = c.independent();
        int n = plant.dof();
        double[][] mean = new double[2][ind.length];
        for (int movement = 1; movement <= 2; movement++) {
            MovementController mc = new MovementController(plant, movement, 1, DURATION, 0.02);
            double[] lo = new double[ind.length];
            double[] hi = new double[ind.length];
            java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            double[] ref = new double[3];
            double[] qi = new double[ind.length];
            int samples = (int) Math.round(DURATION * 1000) + 1;
            for (int k = 0; k < samples; k++) {
                double t = k / 1000.0;
                for (int j = 0; j < ind.length; j++) {
                    mc.reference(j, t, ref);
                    qi[j] = ref[0];
                    lo[j] = Math.min(lo[j], ref[0]);
                    hi[j] = Math.max(hi[j], ref[0]);
                    mean[movement - 1][j] += ref[0] / samples;
                    Coordinate co = plant.system().coordinate(ind[j]);
                    double guard = 0.08 * (co.rangeMax() - co.rangeMin());
                    assertTrue(ref[0] >= co.rangeMin() + guard && ref[0] <= co.rangeMax() - guard, "movement "
                            + movement + ": reference of " + co.name() + " at t = " + t + " s is " + ref[0]
                            + ", inside the guard zone of [" + co.rangeMin() + ", " + co.rangeMax() + "]");
                    if (co.name().equals("shoulder_rot")) {
                        assertTrue(ref[0] <= 0.45 + 1e-12, "movement " + movement + ": shoulder_rot " + ref[0]);
                    }
                }
                double[] q = c.positions(qi);
                for (int i = 0; i < n; i++) {
                    Coordinate co = plant.system().coordinate(i);
                    assertTrue(q[i] >= co.rangeMin() && q[i] <= co.rangeMax(), "movement " + movement + ": "
                            + co.name() + " = " + q[i] + " at t = " + t + " s, outside [" + co.rangeMin() + ", "
                            + co.rangeMax() + "]");
                }
            }
            for (int j = 0; j < ind.length; j++) {
                Coordinate co = plant.system().coordinate(ind[j]);
                double swept = (hi[j] - lo[j]) / (co.rangeMax() - co.rangeMin());
                assertTrue(swept >= 0.40, "movement " + movement + ": the reference of " + co.name()
                        + " sweeps " + swept + " of its range");
            }
        }
    }

    @Test
    void aShortSegmentStaysInsideTheRanges() {
        Model model = BundledModels.moblArms();
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        for (int movement = 1; movement <= 2; movement++) {
            Dataset d = ReferenceSimulator.movement(ToleranceTest.setup(model, truth, 1e-6, 0.3, 200), movement, 1,
                    null);
            var sys = armid.model.mechanics.MultibodySystem.of(model, BundledModels.defaultLocks(model));
            for (int i = 0; i < d.coordinates().size(); i++) {
                Coordinate co = sys.coordinate(i);
                for (double v : d.q(i)) {
                    assertTrue(v >= co.rangeMin() && v <= co.rangeMax(), "movement " + movement + ": " + co.name()
                            + " = " + v);
                }
            }
        }
    }
}
