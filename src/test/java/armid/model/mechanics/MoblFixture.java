package armid.model.mechanics;

import armid.model.Model;
import armid.osim.BundledModels;
import java.util.Random;

/** MoBL-ARMS with the wrist locked, and random poses inside the coordinate ranges. */
final class MoblFixture {
    static final Model MODEL = BundledModels.moblArms();
    static final MultibodySystem SYSTEM = MultibodySystem.of(MODEL, BundledModels.defaultLocks(MODEL));
    static final Constraints CONSTRAINTS = new Constraints(SYSTEM);

    private MoblFixture() {
    }

    /** Independent coordinates uniform in their ranges, dependent ones from the couplers. */
    static double[] randomPose(Random rnd) {
        int[] ind = CONSTRAINTS.independent();
        double[] qi = new double[ind.length];
        for (int k = 0; k < ind.length; k++) {
            Coordinate c = SYSTEM.coordinate(ind[k]);
            qi[k] = c.rangeMin() + rnd.nextDouble() * (c.rangeMax() - c.rangeMin());
        }
        return CONSTRAINTS.positions(qi);
    }

    static double[] randomVector(Random rnd, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rnd.nextDouble() - 1);
        }
        return v;
    }
}
