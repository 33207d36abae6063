package armid.osim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.TestData;
import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.MultibodySystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelLoadingTest {
    static Stream<Path> allModels() throws Exception {
        try (Stream<Path> s = Files.walk(TestData.shared().toRealPath(), java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            List<Path> models = s.filter(p -> p.toString().endsWith(".osim")).sorted().toList();
            if (models.size() < 9) {
                throw new IllegalStateException("expected the 9 shared model files, found " + models);
            }
            return models.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("allModels")
    void everySharedModelLoadsAndHasAConsistentTree(Path file) throws Exception {
        Model m = OsimReader.read(file);
        assertEquals(m.bodies().size() - 1, m.joints().size(), "one joint per body");
        MultibodySystem sys = MultibodySystem.of(m);
        var dyn = sys.newDynamics();
        double[] q = sys.defaultPositions();
        dyn.setState(q, new double[q.length]);
        double[] mm = new double[q.length * q.length];
        dyn.massMatrix(mm);
        for (double v : mm) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void moblArmsWithTheWristLockedHas16CoordinatesOf5Independent() {
        Model m = BundledModels.moblArms();
        assertEquals(20, m.coordinates().size());
        assertEquals(13, m.couplers().size());
        MultibodySystem sys = MultibodySystem.of(m, BundledModels.defaultLocks(m));
        assertEquals(List.of("sternoclavicular_r2", "sternoclavicular_r3", "unrotscap_r3", "unrotscap_r2",
                "acromioclavicular_r2", "acromioclavicular_r3", "acromioclavicular_r1", "unrothum_r1", "unrothum_r3",
                "unrothum_r2", "elv_angle", "shoulder_elv", "shoulder1_r2", "shoulder_rot", "elbow_flexion",
                "pro_sup"), sys.coordinateNames());
        Constraints c = new Constraints(sys);
        assertEquals(11, c.rows());
        assertEquals(List.of("elv_angle", "shoulder_elv", "shoulder_rot", "elbow_flexion", "pro_sup"),
                c.independentNames());
        assertArrayEquals(new double[11], c.bias());
        double[] g = c.matrix();
        assertEquals(11 * 16, g.length);
        // Row of sternoclavicular_r2 = -0.633555/2.61799 · shoulder_elv (a two-point SimmSpline in the file).
        int row = 0;
        assertEquals(1.0, g[row * 16 + 0]);
        assertEquals(0.633555 / 2.61799, g[row * 16 + 11], 1e-15);
        // shoulder1_r2 = -elv_angle.
        int r2 = -1;
        for (int r = 0; r < 11; r++) {
            if (g[r * 16 + 12] == 1.0) {
                r2 = r;
            }
        }
        assertEquals(1.0, g[r2 * 16 + 10], 1e-15);
        // The model's default pose satisfies the couplers.
        double[] e = c.positionErrors(sys.defaultPositions());
        for (double v : e) {
            assertEquals(0, v, 1e-9);
        }
    }

    @Test
    void malformedXmlNamesFileLineAndColumn() {
        String xml = "<OpenSimDocument Version=\"40000\">\n<Model name=\"x\">\n<BodySet>\n</Model>";
        var ex = org.junit.jupiter.api.Assertions.assertThrows(OsimException.class,
                () -> OsimReader.read(new java.io.ByteArrayInputStream(xml.getBytes()), "broken.osim"));
        assertTrue(ex.getMessage().startsWith("broken.osim:4:"), ex.getMessage());
    }

    @Test
    void unknownElementsAreWarnedAboutByName() throws Exception {
        String xml = """
                <OpenSimDocument Version="40000"><Model name="m">
                <Ground name="ground"/>
                <Mystery/>
                <BodySet><objects><Body name="b"><mass>1</mass><mass_center>0 0 0</mass_center>
                <inertia>1 1 1 0 0 0</inertia><strange_property>3</strange_property></Body></objects></BodySet>
                <JointSet><objects><PinJoint name="j"><socket_parent_frame>/ground</socket_parent_frame>
                <socket_child_frame>b</socket_child_frame><coordinates><Coordinate name="q"/></coordinates>
                </PinJoint></objects></JointSet>
                </Model></OpenSimDocument>""";
        Model m = OsimReader.read(new java.io.ByteArrayInputStream(xml.getBytes()), "w.osim");
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("Mystery") && w.startsWith("w.osim:3:")),
                m.warnings().toString());
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("strange_property")), m.warnings().toString());
    }

    @Test
    void badNumberIsAnErrorWithItsLine() {
        String xml = """
                <OpenSimDocument Version="40000"><Model name="m">
                <Ground name="ground"/>
                <BodySet><objects><Body name="b"><mass>heavy</mass></Body></objects></BodySet>
                </Model></OpenSimDocument>""";
        var ex = org.junit.jupiter.api.Assertions.assertThrows(OsimException.class,
                () -> OsimReader.read(new java.io.ByteArrayInputStream(xml.getBytes()), "n.osim"));
        assertTrue(ex.getMessage().startsWith("n.osim:3:") && ex.getMessage().contains("heavy"), ex.getMessage());
    }
}
