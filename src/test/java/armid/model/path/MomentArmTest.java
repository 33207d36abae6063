package armid.model.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.TestData;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.osim.OsimReader;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Geometric moment arms equal −∂l/∂q by central differences, and the lengthening speed equals −Σ r_i q̇_i. */
class MomentArmTest {
    @Test
    void momentArmsAreMinusTheLengthGradientOnGait1018() throws Exception {
        MultibodySystem sys = MultibodySystem.of(OsimReader.read(
                TestData.oracle("opensim-core/OpenSim/Moco/Test/walk_gait1018_subject01.osim")));
        PathSet paths = PathSet.of(sys);
        PathEvaluator eval = paths.newEvaluator();
        PathEvaluator probe = paths.newEvaluator();
        Dynamics dyn = sys.newDynamics();
        Dynamics d2 = sys.newDynamics();
        int n = sys.dof();
        Random rnd = new Random(3);
        int compared = 0;
        for (int trial = 0; trial < 100; trial++) {
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                var c = sys.coordinate(i);
                double lo = Math.max(c.rangeMin(), -2);
                double hi = Math.min(c.rangeMax(), 2);
                q[i] = lo + rnd.nextDouble() * (hi - lo);
            }
            double[] qd = new double[n];
            for (int i = 0; i < n; i++) {
                qd[i] = rnd.nextGaussian();
            }
            dyn.setState(q, qd);
            eval.evaluate(dyn);
            for (int m = 0; m < paths.size(); m++) {
                double speed = 0;
                for (int i = 0; i < n; i++) {
                    speed -= eval.momentArm(m, i) * qd[i];
                }
                assertEquals(speed, eval.lengtheningSpeed(m), 1e-12);
            }
            double h = 1e-6;
            for (int i = 0; i < n; i++) {
                double[] qp = q.clone();
                double[] qm = q.clone();
                qp[i] += h;
                qm[i] -= h;
                d2.setState(qp, new double[n]);
                probe.evaluate(d2);
                double[] lp = new double[paths.size()];
                int[] cp = new int[paths.size()];
                for (int m = 0; m < paths.size(); m++) {
                    lp[m] = probe.length(m);
                    cp[m] = probe.pointCount(m);
                }
                d2.setState(qm, new double[n]);
                probe.evaluate(d2);
                for (int m = 0; m < paths.size(); m++) {
                    if (cp[m] != probe.pointCount(m) || cp[m] != eval.pointCount(m)) {
                        continue; // a conditional point switches inside the difference stencil
                    }
                    double fd = -(lp[m] - probe.length(m)) / (2 * h);
                    assertEquals(fd, eval.momentArm(m, i), 1e-8, paths.names().get(m) + " / "
                            + sys.coordinateNames().get(i));
                    compared++;
                }
            }
        }
        assertTrue(compared > 10000, "compared " + compared);
    }
}
