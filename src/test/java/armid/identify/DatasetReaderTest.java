package armid.identify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.io.StorageFile;
import armid.simulate.GroundTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a simulated dataset folder for identification, its ground truth by parameter name, and bad inputs. */
class DatasetReaderTest {
    private static final List<String> COORDS = Synthetic.SYSTEM.coordinateNames();

    @Test
    void readsMotionEmgFibreKinematicsAndGroundTruth() throws IOException {
        Path dir = TinyDataset.folder();
        DatasetReader.Data d = DatasetReader.read(dir, COORDS);
        MotionData m = d.motion();
        assertEquals(21, m.samples());
        assertEquals(200, m.sampleRate());
        assertTrue(m.hasFiberKinematics());
        StorageFile q = StorageFile.read(dir.resolve("coordinates.sto"));
        StorageFile emg = StorageFile.read(dir.resolve("emg.sto"));
        StorageFile fl = StorageFile.read(dir.resolve("fiber_length.sto"));
        for (int t = 0; t < m.samples(); t++) {
            for (int i = 0; i < 16; i++) {
                assertEquals(q.column(COORDS.get(i))[t], m.q()[t * 16 + i], 0.0);
                String mus = ParameterRegistry.MUSCLES.get(i);
                assertEquals(emg.column(mus)[t], m.emg()[t * 16 + i], 0.0);
                assertEquals(fl.column(mus)[t], m.fiberLength()[t * 16 + i], 0.0);
            }
        }
        // Ground truth by OpenSim-style name, the dataset's values winning over the model's and the defaults.
        GroundTruth gt = TinyDataset.truth();
        assertEquals(ParameterRegistry.SIZE, d.groundTruth().size());
        ParameterRegistry reg = ParameterRegistry.fromModel(Synthetic.MODEL).withGroundTruth(d.groundTruth());
        assertEquals(gt.shared().c1(), reg.driver("/emg:c1").groundTruth(), 0.0);
        assertEquals(gt.shared().c2(), reg.driver("/emg:c2").groundTruth(), 0.0);
        assertEquals(gt.shared().delay(), reg.driver("/emg:electromechanical_delay").groundTruth(), 0.0);
        assertNotEquals(ParameterRegistry.DEFAULT_C2, reg.driver("/emg:c2").groundTruth());
        assertEquals(gt.shared().activationTimeConstant(),
                reg.driver("/forceset/*:activation_time_constant").groundTruth(), 0.0);
        assertEquals(gt.muscles().get("DELT2").tendonSlackLength(),
                reg.driver("/forceset/DELT2:tendon_slack_length").groundTruth(), 0.0);
        assertEquals(gt.body("ulna").massCenter()[1], reg.driver("/bodyset/ulna:mass_center_y").groundTruth(), 0.0);
        assertEquals(gt.body("radius").inertia()[4], reg.driver("/bodyset/radius:inertia_xz").groundTruth(), 0.0);
        // Held parameters and selection behave as with the model's ground truth.
        reg.selectM1();
        assertEquals(78, reg.selected().length);
        assertTrue(reg.driver("/forceset/BICshort:pennation_angle_at_optimal").fixedReason() != null);
        // The scale follows the new ground truth.
        assertEquals(Math.abs(gt.body("humerus").mass()), reg.driver("/bodyset/humerus:mass").scale(), 0.0);
    }

    @Test
    void withGroundTruthRefusesUnknownNamesAndNonPhysicalValues() {
        ParameterRegistry reg = ParameterRegistry.fromModel(Synthetic.MODEL);
        var e = assertThrows(IllegalArgumentException.class,
                () -> reg.withGroundTruth(java.util.Map.of("/bodyset/femur:mass", 1.0)));
        assertTrue(e.getMessage().contains("/bodyset/femur:mass"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> reg.withGroundTruth(java.util.Map.of("/forceset/DELT1:max_isometric_force", -3.0)));
        assertTrue(e.getMessage().contains("/forceset/DELT1:max_isometric_force"), e.getMessage());
    }

    @Test
    void missingFilesColumnsAndBadValuesAreNamed(@TempDir Path tmp) throws IOException {
        Path a = TinyDataset.copy(tmp.resolve("a"));
        Files.delete(a.resolve("emg.sto"));
        assertMessage(a, "emg.sto", "missing");

        Path b = TinyDataset.copy(tmp.resolve("b"));
        replaceCell(b.resolve("speeds.sto"), 4, "elbow_flexion", "NaN");
        assertMessage(b, "speeds.sto", "data row 4", "elbow_flexion", "not finite");

        Path c = TinyDataset.copy(tmp.resolve("c"));
        renameColumn(c.resolve("emg.sto"), "DELT2", "DELT2x");
        assertMessage(c, "emg.sto", "DELT2");

        Path d = TinyDataset.copy(tmp.resolve("d"));
        Files.delete(d.resolve("fiber_velocity.sto"));
        assertMessage(d, "fiber_velocity.sto", "missing");

        Path e = TinyDataset.copy(tmp.resolve("e"));
        String gt = Files.readString(e.resolve("ground_truth.json"));
        Files.writeString(e.resolve("ground_truth.json"), gt.replaceFirst("\"tendon_slack_length\" : [-0-9.eE]+",
                "\"tendon_slack_length\" : \"long\""));
        assertMessage(e, "ground_truth.json", "muscles.PECM1.tendon_slack_length", "finite number");

        Path f = TinyDataset.copy(tmp.resolve("f"));
        replaceCell(f.resolve("emg.sto"), 2, "BRD", "1.5");
        assertMessage(f, "emg.sto", "data row 2", "BRD", "outside [0, 1]");

        Path g = TinyDataset.copy(tmp.resolve("g"));
        Files.writeString(g.resolve("ground_truth.json"), "{ \"bodies\": ");
        assertMessage(g, "ground_truth.json", "malformed JSON");

        Path h = TinyDataset.copy(tmp.resolve("h"));
        replaceCell(h.resolve("accelerations.sto"), 3, "time", "0.0123");
        assertMessage(h, "accelerations.sto", "data row 3", "time");

        assertMessage(tmp.resolve("nothing"), "nothing", "does not exist");
    }

    private static void assertMessage(Path dir, String... parts) {
        IOException e = assertThrows(IOException.class, () -> DatasetReader.read(dir, COORDS));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    /** Replaces the value of {@code column} in data row {@code row} (1-based) of a .sto file. */
    static void replaceCell(Path file, int row, String column, String value) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        int end = lines.indexOf("endheader");
        List<String> labels = List.of(lines.get(end + 1).split("\t"));
        int c = labels.indexOf(column);
        String[] cells = lines.get(end + 1 + row).split("\t");
        cells[c] = value;
        lines.set(end + 1 + row, String.join("\t", cells));
        Files.write(file, lines);
    }

    private static void renameColumn(Path file, String from, String to) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        int end = lines.indexOf("endheader");
        lines.set(end + 1, lines.get(end + 1).replace("\t" + from + "\t", "\t" + to + "\t"));
        Files.write(file, lines);
    }
}
