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
 * Path lengths against OpenSim's own reference output ("Reference data from opensim-core (Apache-2.0), commit
 * 0435b08"): walk_gait1018 has ConditionalPathPoints and MovingPathPoints; OpenSim's tolerance is 1e-6 m.
 */
class OpenSimPathLengthTest {
    @Test
    void walkGait1018LengthsMatchOpenSimAtEveryFrame() throws Exception {
        Model model = OsimReader.read(TestData.oracle("opensim-core/OpenSim/Moco/Test/walk_gait1018_subject01.osim"));
        SimpleTable motion = SimpleTable.read(TestData.oracle(
                "opensim-core/OpenSim/Moco/Test/walk_gait1018_state_reference.mot"));
        SimpleTable reference = SimpleTable.read(TestData.oracle(
                "opensim-core/OpenSim/Tests/Wrapping/std_testGeometryPathWrapping_walk_gait1018_muscle_lengths.sto"));
        assertEquals(motion.rows().length, reference.rows().length);
        MultibodySystem sys = MultibodySystem.of(model);
        PathSet paths = PathSet.of(sys);
        PathEvaluator eval = paths.newEvaluator();
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        int checked = 0;
        double worst = 0;
        for (int r = 0; r < motion.rows().length; r++) {
            double[] q = sys.defaultPositions();
            for (int c = 1; c < motion.labels().size(); c++) {
                String[] parts = motion.labels().get(c).split("/");
                String name = parts[parts.length - 2];
                int i = sys.indexOf(name);
                double v = motion.rows()[r][c];
                if (motion.inDegrees() && sys.coordinate(i).motionType() == MotionType.ROTATIONAL) {
                    v = Math.toRadians(v);
                }
                q[i] = v;
            }
            dyn.setState(q, new double[n]);
            eval.evaluate(dyn);
            for (int m = 0; m < paths.size(); m++) {
                int col = reference.column("/forceset/" + paths.names().get(m) + "|length");
                if (col < 0) {
                    continue;
                }
                double diff = Math.abs(eval.length(m) - reference.rows()[r][col]);
                worst = Math.max(worst, diff);
                checked++;
            }
        }
        assertEquals(18 * motion.rows().length, checked);
        assertTrue(worst < 1e-6, "worst length difference " + worst + " m");
    }
}
