package armid.osim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import armid.TestData;
import armid.model.Model;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Joint types and coordinate functions, read from small model files, against hand-derived kinematics and dynamics. */
class JointKinematicsTest {
    private static final String BODY = "<Body name=\"%s\"><mass>%s</mass><mass_center>%s</mass_center>"
            + "<inertia>%s</inertia></Body>";

    private static Model model(String bodies, String joints) throws OsimException {
        String xml = "<OpenSimDocument Version=\"40000\"><Model name=\"t\"><gravity>0 -9.81 0</gravity>"
                + "<Ground name=\"ground\"/><BodySet><objects>" + bodies + "</objects></BodySet>"
                + "<JointSet><objects>" + joints + "</objects></JointSet></Model></OpenSimDocument>";
        return OsimReader.read(new ByteArrayInputStream(xml.getBytes()), "test.osim");
    }

    private static String frames(String parentTranslation, String parentOrientation, String child,
            String childTranslation) {
        return "<socket_parent_frame>p_off</socket_parent_frame><socket_child_frame>c_off</socket_child_frame>"
                + "<frames><PhysicalOffsetFrame name=\"p_off\"><socket_parent>/ground</socket_parent><translation>"
                + parentTranslation + "</translation><orientation>" + parentOrientation + "</orientation>"
                + "</PhysicalOffsetFrame><PhysicalOffsetFrame name=\"c_off\"><socket_parent>/bodyset/" + child
                + "</socket_parent><translation>" + childTranslation + "</translation><orientation>0 0 0</orientation>"
                + "</PhysicalOffsetFrame></frames>";
    }

    @Test
    void pinJointPendulum() throws Exception {
        double m = 2.0;
        double l = 0.7;
        double izz = 0.05;
        Model model = model(String.format(BODY, "rod", m, "0 " + (-l) + " 0", "0.1 0.2 " + izz + " 0 0 0"),
                "<PinJoint name=\"pin\">" + frames("0 1 0", "0 0 0", "rod", "0 0 0")
                        + "<coordinates><Coordinate name=\"theta\"/></coordinates></PinJoint>");
        MultibodySystem sys = MultibodySystem.of(model);
        Dynamics d = sys.newDynamics();
        for (double th : new double[] {-1.0, 0.0, 0.4, 2.5}) {
            double w = 1.3;
            d.setState(new double[] {th}, new double[] {w});
            double[] mm = new double[1];
            d.massMatrix(mm);
            assertEquals(m * l * l + izz, mm[0], 1e-14);
            double[] g = new double[1];
            d.gravityForces(g);
            assertEquals(m * 9.81 * l * Math.sin(th), g[0], 1e-13);
            double[] b = new double[1];
            d.biasForces(b);
            assertEquals(g[0], b[0], 1e-13, "no velocity terms for a single pin");
            double[] o = new double[3];
            d.stationLocation(1, new double[] {0, -l, 0}, o);
            assertEquals(l * Math.sin(th), o[0], 1e-15);
            assertEquals(1 - l * Math.cos(th), o[1], 1e-15);
        }
    }

    @Test
    void sliderJointAlongARotatedFrame() throws Exception {
        // The parent frame is turned 90° about Z, so the slider's X axis points along ground Y.
        Model model = model(String.format(BODY, "block", 3.0, "0 0 0", "1 1 1 0 0 0"),
                "<SliderJoint name=\"s\">" + frames("0 0 0", "0 0 1.5707963267948966", "block", "0 0 0")
                        + "<coordinates><Coordinate name=\"x\"/></coordinates></SliderJoint>");
        MultibodySystem sys = MultibodySystem.of(model);
        Dynamics d = sys.newDynamics();
        d.setState(new double[] {0.25}, new double[] {0});
        double[] o = new double[3];
        d.bodyOrigin(1, o, 0);
        assertEquals(0, o[0], 1e-15);
        assertEquals(0.25, o[1], 1e-15);
        double[] g = new double[1];
        d.gravityForces(g);
        assertEquals(3.0 * 9.81, g[0], 1e-12);
        double[] mm = new double[1];
        d.massMatrix(mm);
        assertEquals(3.0, mm[0], 1e-15);
    }

    @Test
    void customJointRotatesBodyFixedThenTranslatesInTheParentFrame() throws Exception {
        // rotation1 about X by a, rotation2 about (new) Y by b, translation1 along parent X by 2a + 0.1 (a
        // LinearFunction), translation2 along parent Y by a MultiplierFunction(0.5) of a PiecewiseLinear of b.
        String st = "<SpatialTransform>"
                + axis("rotation1", "a", "1 0 0", "<LinearFunction name=\"function\"><coefficients>1 0</coefficients>"
                        + "</LinearFunction>")
                + axis("rotation2", "b", "0 2 0", "<LinearFunction name=\"function\"><coefficients>1 0</coefficients>"
                        + "</LinearFunction>")
                + axis("rotation3", "", "0 0 1", "<Constant name=\"function\"><value>0</value></Constant>")
                + axis("translation1", "a", "1 0 0", "<LinearFunction name=\"function\"><coefficients>2 0.1"
                        + "</coefficients></LinearFunction>")
                + axis("translation2", "b", "0 1 0", "<MultiplierFunction name=\"function\"><function>"
                        + "<PiecewiseLinearFunction><x>0 1</x><y>0 4</y></PiecewiseLinearFunction></function>"
                        + "<scale>0.5</scale></MultiplierFunction>")
                + axis("translation3", "", "0 0 1", "<Constant name=\"function\"><value>0.3</value></Constant>")
                + "</SpatialTransform>";
        Model model = model(String.format(BODY, "b", 1.0, "0 0 0", "1 1 1 0 0 0"),
                "<CustomJoint name=\"c\">" + frames("0 0 0", "0 0 0", "b", "0 0 0")
                        + "<coordinates><Coordinate name=\"b\"/><Coordinate name=\"a\"/></coordinates>" + st
                        + "</CustomJoint>");
        // OpenSim orders a CustomJoint's coordinates as they appear in the transform: a, then b.
        assertEquals("a", model.coordinates().get(0).name());
        MultibodySystem sys = MultibodySystem.of(model);
        Dynamics d = sys.newDynamics();
        double a = 0.4;
        double b = -0.7;
        d.setState(new double[] {a, b}, new double[] {0, 0});
        double[] x = new double[3];
        d.stationLocation(1, new double[] {1, 0, 0}, x);
        // p = (2a + 0.1, 0.5·4b, 0.3); R·(1,0,0) = Rx(a)·Ry(b)·(1,0,0) = (cos b, sin a sin b, −cos a sin b).
        assertEquals(2 * a + 0.1 + Math.cos(b), x[0], 1e-15);
        assertEquals(2 * b + Math.sin(a) * Math.sin(b), x[1], 1e-15);
        assertEquals(0.3 - Math.cos(a) * Math.sin(b), x[2], 1e-15);
    }

    private static String axis(String name, String coord, String dir, String function) {
        return "<TransformAxis name=\"" + name + "\"><coordinates>" + coord + "</coordinates><axis>" + dir
                + "</axis>" + function + "</TransformAxis>";
    }

    @Test
    void gimbalAndUniversalJointsAreBodyFixedXyz() throws Exception {
        Model gimbal = model(String.format(BODY, "b", 1.0, "0 0 0", "1 1 1 0 0 0"),
                "<GimbalJoint name=\"g\">" + frames("0 0 0", "0 0 0", "b", "0 0 0")
                        + "<coordinates><Coordinate name=\"r1\"/><Coordinate name=\"r2\"/><Coordinate name=\"r3\"/>"
                        + "</coordinates></GimbalJoint>");
        Dynamics d = MultibodySystem.of(gimbal).newDynamics();
        double[] q = {0.3, -0.5, 1.1};
        d.setState(q, new double[3]);
        double[] r = new double[9];
        d.bodyRotation(1, r, 0);
        double[] expected = new double[9];
        armid.numerics.Vec3.bodyFixedXYZ(q[0], q[1], q[2], expected, 0);
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], r[i], 1e-15);
        }
        // Hand-derived third column of Rx(a)Ry(b)Rz(c): (sin b, −sin a cos b, cos a cos b).
        assertEquals(Math.sin(q[1]), r[2], 1e-15);
        assertEquals(-Math.sin(q[0]) * Math.cos(q[1]), r[5], 1e-15);
        assertEquals(Math.cos(q[0]) * Math.cos(q[1]), r[8], 1e-15);
    }

    @Test
    void weldJointCarriesTheOffsetsOnly() throws Exception {
        Model weld = model(String.format(BODY, "b", 1.0, "0 0 0", "1 1 1 0 0 0"),
                "<WeldJoint name=\"w\">" + frames("1 2 3", "0 0 1.5707963267948966", "b", "1 0 0") + "</WeldJoint>");
        MultibodySystem sys = MultibodySystem.of(weld);
        assertEquals(0, sys.dof());
        Dynamics d = sys.newDynamics();
        d.setState(new double[0], new double[0]);
        double[] o = new double[3];
        d.bodyOrigin(1, o, 0);
        // Body origin = F origin + Rz(90°)·(−1, 0, 0) = (1, 2, 3) + (0, −1, 0).
        assertEquals(1, o[0], 1e-15);
        assertEquals(1, o[1], 1e-15);
        assertEquals(3, o[2], 1e-15);
    }

    @Test
    void arm26ReadsTheSameFromFileVersions1_9_2_3_and_3_0() throws Exception {
        Model v19 = OsimReader.read(TestData.oracle("opensim-core/Applications/ID/tests/resources/arm26.osim"));
        Model v23 = OsimReader.read(TestData.oracle("opensim-core/Applications/Forward/tests/resources/arm26.osim"));
        Model v30 = OsimReader.read(TestData.oracle("opensim-core/Applications/Analyze/tests/resources/arm26.osim"));
        Dynamics[] ds = {MultibodySystem.of(v19).newDynamics(), MultibodySystem.of(v23).newDynamics(),
            MultibodySystem.of(v30).newDynamics()};
        double[][] poses = {{0, 0}, {0.5, 1.2}, {-1.0, 2.0}};
        for (double[] q : poses) {
            double[][] tips = new double[3][3];
            double[][] masses = new double[3][4];
            for (int k = 0; k < 3; k++) {
                ds[k].setState(q, new double[2]);
                ds[k].stationLocation(2, new double[] {0, -0.3, 0}, tips[k]);
                ds[k].massMatrix(masses[k]);
            }
            for (int k = 1; k < 3; k++) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(tips[0][i], tips[k][i], 1e-12);
                }
                for (int i = 0; i < 4; i++) {
                    assertEquals(masses[0][i], masses[k][i], 1e-12);
                }
            }
        }
    }
}
