package armid.model.muscle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.TestData;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Equilibrium forces of the Gait10dof18musc model's Millard2012EquilibriumMuscles, computed by OpenSim 4.x
 * (equilibrateMuscles at activation 1 and all speeds 0) and published by MyoConverter.
 * Reference data from MyoConverter (Apache-2.0), commit cadf380:
 * shared/oracles/myoconverter/osim_static_muscle_forces.csv and gait10dof18musc_myoconverter.osim.
 */
class MyoConverterStaticForcesTest {

    record Row(String muscle, double fiso, double ofl, double tsl, double penn, double activation,
               double mtLength, double fiberForceAlongTendon, double activeFiberForce, double passiveFiberForce) {
    }

    static Map<String, MillardParameters> muscles;
    static List<Row> rows;

    @BeforeAll
    static void load() throws Exception {
        muscles = OsimMuscles.read(TestData.oracle("myoconverter/gait10dof18musc_myoconverter.osim"));
        rows = Files.readAllLines(TestData.oracle("myoconverter/osim_static_muscle_forces.csv")).stream()
                .filter(l -> l.startsWith("Gait10dof18musc,"))
                .map(l -> l.split(","))
                .map(f -> new Row(f[1], d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[8]), d(f[9]), d(f[10]), d(f[11]),
                        d(f[12])))
                .toList();
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    @Test
    void theModelFileHasTheCsvsMusclesWithDefaultCurves() {
        assertEquals(270, rows.size());
        assertEquals(18, muscles.size());
        for (Row r : rows) {
            MillardParameters p = muscles.get(r.muscle());
            assertEquals(r.fiso(), p.maxIsometricForce(), 1e-9 * r.fiso(), r.muscle());
            assertEquals(r.ofl(), p.optimalFiberLength(), 1e-12, r.muscle());
            assertEquals(r.tsl(), p.tendonSlackLength(), 1e-12, r.muscle());
            assertEquals(r.penn(), p.pennationAngleAtOptimal(), 1e-8, r.muscle());
            assertEquals(0.1, p.fiberDamping(), r.muscle()); // absent from the file: OpenSim's default
            assertTrue(!p.ignoreTendonCompliance());
        }
    }

    /**
     * Tolerance: OpenSim's own equilibrium tolerance, 1e-8 f_o (at most 0.05 mN here). OpenSim stops the Newton
     * iteration once |fibre force along tendon - tendon force| &lt; 1e-8 f_o; this class runs the same iteration
     * from the same starting point, so it lands on the same iterate and the forces agree far below that (measured:
     * 1.5e-11 f_o, the CSV's 12 printed digits and the curves' Bézier parameter solve). A wrong curve, pennation
     * or damping term moves the forces by newtons. The rows include fibres clamped at their minimum length (all
     * forces 0) and rows with large passive force.
     */
    @Test
    void equilibriumForcesMatchOpenSim() {
        var eq = new FiberEquilibrium();
        var out = new MuscleOutputs();
        double worstAlong = 0;
        double worstActive = 0;
        double worstPassive = 0;
        for (Row r : rows) {
            var m = new Millard2012EquilibriumMuscle(r.muscle(), muscles.get(r.muscle()));
            double l = m.computeInitialFiberEquilibrium(r.activation(), r.mtLength(), eq);
            m.compute(r.activation(), l, r.mtLength(), 0.0, out);
            double tol = 1e-8 * r.fiso();
            String where = r.muscle() + " at l_mt " + r.mtLength() + " (" + eq.status() + ")";
            assertEquals(r.fiberForceAlongTendon(), out.fiberForceAlongTendon(), tol, where);
            assertEquals(r.activeFiberForce(), out.activeFiberForce(), tol, where);
            assertEquals(r.passiveFiberForce(), out.passiveFiberForce(), tol, where);
            worstAlong = Math.max(worstAlong, Math.abs(r.fiberForceAlongTendon() - out.fiberForceAlongTendon()) / r.fiso());
            worstActive = Math.max(worstActive, Math.abs(r.activeFiberForce() - out.activeFiberForce()) / r.fiso());
            worstPassive = Math.max(worstPassive, Math.abs(r.passiveFiberForce() - out.passiveFiberForce()) / r.fiso());
        }
        System.out.printf("MyoConverter Gait10dof18musc: max |error| / f_o along tendon %.3g, active %.3g, passive %.3g%n",
                worstAlong, worstActive, worstPassive);
    }
}
