package armid.model.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.SimpleTable;
import armid.TestData;
import armid.model.Model;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MotionType;
import armid.model.mechanics.MultibodySystem;
import armid.osim.OsimReader;
import org.junit.jupiter.api.Test;

/**
 * Moment arms equal −∂l/∂q by central differences on subject_walk_armless, whose med_gas paths have two wrap
 * cylinders (lengths there include OpenSim's stale tangent points), with both stopping rules.
 */
class SubjectWalkMomentArmTest {
    @Test
    void momentArmsAreMinusTheLengthGradientWithTwoWrapCylinders() throws Exception {
        Model model = OsimReader.read(TestData.oracle("opensim-core/OpenSim/Moco/Test/subject_walk_armless_18musc.osim"));
        SimpleTable motion = SimpleTable.read(TestData.oracle(
                "opensim-core/OpenSim/Moco/Test/subject_walk_armless_coordinates.mot"));
        MultibodySystem sys = MultibodySystem.of(model);
        PathSet paths = PathSet.of(sys);
        int n = sys.dof();
        Dynamics dyn = sys.newDynamics();
        Dynamics d2 = sys.newDynamics();
        for (boolean openSimRule : new boolean[] {true, false}) {
            PathEvaluator eval = paths.newEvaluator();
            PathEvaluator probe = paths.newEvaluator();
            if (openSimRule) {
                eval.useOpenSimConvergence();
                probe.useOpenSimConvergence();
            }
            int compared = 0;
            int twoWrapCompared = 0;
            for (int r = 0; r < motion.rows().length; r += 5) {
                double[] q = sys.defaultPositions();
                for (int c = 1; c < motion.labels().size(); c++) {
                    String[] parts = motion.labels().get(c).split("/");
                    String name = parts.length > 1 ? parts[parts.length - 2] : parts[0];
                    int i = sys.indexOf(name);
                    if (i < 0) {
                        continue;
                    }
                    double v = motion.rows()[r][c];
                    if (motion.inDegrees() && sys.coordinate(i).motionType() == MotionType.ROTATIONAL) {
                        v = Math.toRadians(v);
                    }
                    q[i] = v;
                }
                dyn.setState(q, new double[n]);
                eval.evaluate(dyn);
                double h = 1e-6;
                for (int i = 0; i < n; i++) {
                    double[] qp = q.clone();
                    double[] qm = q.clone();
                    qp[i] += h;
                    qm[i] -= h;
                    d2.setState(qp, new double[n]);
                    probe.evaluate(d2);
                    double[] lp = new double[paths.size()];
                    int[] wp = new int[paths.size()];
                    for (int m = 0; m < paths.size(); m++) {
                        lp[m] = probe.length(m);
                        wp[m] = probe.wrapCount(m);
                    }
                    d2.setState(qm, new double[n]);
                    probe.evaluate(d2);
                    for (int m = 0; m < paths.size(); m++) {
                        if (wp[m] != probe.wrapCount(m) || wp[m] != eval.wrapCount(m)) {
                            continue; // a wrap engages inside the difference stencil
                        }
                        double fd = -(lp[m] - probe.length(m)) / (2 * h);
                        assertEquals(fd, eval.momentArm(m, i), 1e-7, paths.names().get(m) + " / "
                                + sys.coordinateNames().get(i) + " at row " + r);
                        compared++;
                        if (eval.wrapCount(m) == 2) {
                            twoWrapCompared++;
                        }
                    }
                }
            }
            assertTrue(compared > 1000, "compared " + compared);
            assertTrue(twoWrapCompared > 50, "two-wrap comparisons " + twoWrapCompared);
        }
    }
}
