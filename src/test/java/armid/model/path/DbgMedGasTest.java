package armid.model.path;

import armid.SimpleTable;
import armid.TestData;
import armid.model.Model;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MotionType;
import armid.model.mechanics.MultibodySystem;
import armid.osim.OsimReader;
import org.junit.jupiter.api.Test;

class DbgMedGasTest {
    @Test
    void dbg() throws Exception {
        Model model = OsimReader.read(TestData.oracle("opensim-core/OpenSim/Moco/Test/subject_walk_armless_18musc.osim"));
        SimpleTable motion = SimpleTable.read(TestData.oracle("opensim-core/OpenSim/Moco/Test/subject_walk_armless_coordinates.mot"));
        SimpleTable reference = SimpleTable.read(TestData.oracle("opensim-core/OpenSim/Tests/Wrapping/std_testGeometryPathWrapping_subject_walk_armless_muscle_lengths.sto"));
        MultibodySystem sys = MultibodySystem.of(model);
        PathSet paths = PathSet.of(sys, java.util.List.of("med_gas_r"));
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        for (int passes : new int[] {1, 2, 3, 8, 50}) {
            PathEvaluator eval = paths.newEvaluator();
            eval.setPassesForDebug(passes, 0.0005);
            StringBuilder sb = new StringBuilder("passes " + passes + ":");
            for (int r : new int[] {0, 10, 25, 60, 100, 200}) {
                double[] q = sys.defaultPositions();
                for (int c = 1; c < motion.labels().size(); c++) {
                    String name = motion.labels().get(c);
                    int i = sys.indexOf(name);
                    if (i < 0) continue;
                    double v = motion.rows()[r][c];
                    if (sys.coordinate(i).motionType() == MotionType.ROTATIONAL) v = Math.toRadians(v);
                    q[i] = v;
                }
                dyn.setState(q, new double[n]);
                eval.evaluate(dyn);
                sb.append(String.format(" r%d %.6f/%.6f w%d", r, eval.length(0), reference.rows()[r][reference.column("/forceset/med_gas_r|length")], eval.wrapCount(0)));
            }
            System.out.println(sb);
        }
    }
}
