package armid.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFileTest {

    @TempDir
    Path dir;

    static Path shared() {
        return Path.of(System.getProperty("armid.shared", "/work/shared"));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(StorageFileTest.class.getResource(name).toURI());
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        int n = 57;
        double[] t = new double[n];
        double[][] cols = new double[3][n];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            t[i] = i / 3.0;
            cols[0][i] = rnd.nextGaussian() * 1e-7;
            cols[1][i] = rnd.nextGaussian() * 1e9;
            cols[2][i] = Math.PI * i;
        }
        cols[2][5] = Double.NaN;
        cols[1][7] = Double.NEGATIVE_INFINITY;
        cols[0][8] = -0.0;
        StorageFile sto = StorageFile.of("round trip", true, List.of("a", "b_moment", "c/value"), t, cols,
                Map.of("units", "Newton-meters"), List.of("Written by a test."));
        Path p = dir.resolve("sub/out.sto");
        sto.write(p);
        StorageFile back = StorageFile.read(p);
        assertEquals("round trip", back.name());
        assertTrue(back.inDegrees());
        assertEquals(List.of("a", "b_moment", "c/value"), back.labels());
        assertArrayEquals(t, back.time(), 0.0);
        for (int c = 0; c < 3; c++) {
            double[] got = back.column(c);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToLongBits(cols[c][i]), Double.doubleToLongBits(got[i]), "c=" + c + " i=" + i);
            }
        }
        assertEquals("Newton-meters", back.metadata().get("units"));
        assertEquals(List.of("Written by a test."), back.description());
        // Writing again over the file replaces it and leaves no temporary file behind.
        back.withHeader("second", false).write(p);
        assertFalse(StorageFile.read(p).inDegrees());
        try (Stream<Path> s = Files.list(p.getParent())) {
            assertEquals(List.of(p), s.toList());
        }
        String text = Files.readString(p);
        assertTrue(text.startsWith("second\nversion=1\nnRows=57\nnColumns=4\ninDegrees=no\n"), text);
    }

    @Test
    void failedWriteLeavesTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("target.sto");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "x");
        StorageFile sto = StorageFile.of("x", false, List.of("a"), new double[] {0}, new double[][] {{1}});
        assertThrows(IOException.class, () -> sto.write(target));
        assertTrue(Files.isDirectory(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList());
        }
    }

    @Test
    void readsOpenSim4Header() throws Exception {
        StorageFile s = StorageFile.read(resource("coordinates_v4.sto"));
        assertEquals("Coordinates", s.name());
        assertFalse(s.inDegrees());
        assertEquals(List.of("elbow_flexion", "shoulder_elv", "pelvis_tx"), s.labels());
        assertArrayEquals(new double[] {0, 0.01, 0.02}, s.time(), 0.0);
        assertArrayEquals(new double[] {1.5, 1.5e-3, -150}, s.column("pelvis_tx"), 0.0);
        assertEquals("4.5", s.metadata().get("OpenSimVersion"));
    }

    @Test
    void readsLegacyHeaderWithCrLfAndDescription() throws Exception {
        StorageFile s = StorageFile.read(resource("legacy_crlf.sto"));
        assertEquals("Kinematics from a legacy tool", s.name());
        assertTrue(s.inDegrees());
        assertEquals(2, s.rowCount());
        assertArrayEquals(new double[] {-3.25, -3.5}, s.column("r_shoulder_elev"), 0.0);
        assertEquals(List.of("Recorded in the lab."), s.description());
        assertEquals("m", s.metadata().get("units"));
    }

    @Test
    void readsOpenSimArm26MotionFileInDegrees() throws IOException {
        Path mot = shared().resolve("oracles/opensim-core/Applications/ID/tests/resources/arm26_InverseKinematics.mot");
        StorageFile s = StorageFile.read(mot);
        assertEquals("inverse kinematics", s.name());
        assertTrue(s.inDegrees(), "old-style .mot without inDegrees is in degrees, as in OpenSim");
        assertEquals(121, s.rowCount());
        assertEquals(11, s.columnCount());
        assertEquals("r_shoulder_elev", s.labels().get(0));
        // Last line of the file, split independently.
        List<String> lines = Files.readAllLines(mot);
        String[] last = lines.get(lines.size() - 1).trim().split("\\s+");
        assertEquals(Double.parseDouble(last[0]), s.time()[120]);
        assertEquals(Double.parseDouble(last[2]), s.column("r_elbow_flex")[120]);
        assertEquals(Double.parseDouble(last[11]), s.column("r_radius_styloid_tz")[120]);
    }

    @Test
    void oldStyleStoWithoutInDegreesIsInRadians() throws IOException {
        Path p = file("a.sto", "x\nnRows=1\nnColumns=2\nendheader\ntime\tq\n0\t1\n");
        assertFalse(StorageFile.read(p).inDegrees());
        Path m = file("a.mot", "x\nversion=1\nnRows=1\nnColumns=2\nendheader\ntime\tq\n0\t1\n");
        assertFalse(StorageFile.read(m).inDegrees(), "version 1 .mot files say inDegrees explicitly");
        Path a = file("b.sto", "x\nAngles are in degrees.\nendheader\ntime q\n0 1\n");
        assertTrue(StorageFile.read(a).inDegrees());
    }

    @Test
    void nonNumericCellNamesFileLineRowAndColumn() throws IOException {
        Path p = file("bad.sto", "x\nversion=1\nnRows=2\nnColumns=3\nendheader\ntime\tq1\tq2\n0\t1\t2\n0.1\t1\tabc\n");
        StorageFileException e = assertThrows(StorageFileException.class, () -> StorageFile.read(p));
        assertEquals(8, e.line());
        assertEquals(2, e.row());
        assertEquals("q2", e.column());
        assertEquals(p, e.file());
        assertTrue(e.getMessage().contains("bad.sto") && e.getMessage().contains("line 8")
                && e.getMessage().contains("'q2'") && e.getMessage().contains("abc"), e.getMessage());
        Path f = file("suffix.sto", "x\nendheader\ntime\tq1\n0\t1.0f\n");
        assertEquals("q1", assertThrows(StorageFileException.class, () -> StorageFile.read(f)).column());
        Path tm = file("time.sto", "x\nendheader\ntime\tq1\n--1\t1.0\n");
        assertEquals("time", assertThrows(StorageFileException.class, () -> StorageFile.read(tm)).column());
    }

    @Test
    void nanAndInfinityCellsAreAccepted() throws IOException {
        Path p = file("nan.sto", "x\nendheader\ntime\ta\tb\tc\n0\tnan\t-inf\tInfinity\n");
        StorageFile s = StorageFile.read(p);
        assertTrue(Double.isNaN(s.column("a")[0]));
        assertEquals(Double.NEGATIVE_INFINITY, s.column("b")[0]);
        assertEquals(Double.POSITIVE_INFINITY, s.column("c")[0]);
    }

    @Test
    void rowWithWrongCellCountIsAnError() throws IOException {
        Path shortRow = file("short.sto", "x\nendheader\ntime\tq1\tq2\tq3\n0\t1\t2\t3\n0.1\t1\n");
        StorageFileException e = assertThrows(StorageFileException.class, () -> StorageFile.read(shortRow));
        assertEquals(5, e.line());
        assertEquals(2, e.row());
        assertEquals("q2", e.column(), "first missing column");
        assertTrue(e.getMessage().contains("2 cells, expected 4"), e.getMessage());
        Path longRow = file("long.sto", "x\nendheader\ntime\tq1\n0\t1\t2\n");
        StorageFileException l = assertThrows(StorageFileException.class, () -> StorageFile.read(longRow));
        assertEquals(4, l.line());
        assertEquals(1, l.row());
        assertTrue(l.getMessage().contains("3 cells, expected 2"), l.getMessage());
    }

    @Test
    void missingColumnRequestedByNameIsAnError() throws Exception {
        StorageFile s = StorageFile.read(resource("coordinates_v4.sto"));
        StorageFileException e = assertThrows(StorageFileException.class, () -> s.column("pro_sup"));
        assertEquals("pro_sup", e.column());
        assertTrue(e.getMessage().contains("coordinates_v4.sto") && e.getMessage().contains("'pro_sup'"),
                e.getMessage());
        assertFalse(s.hasColumn("pro_sup"));
    }

    @Test
    void headerErrors() throws IOException {
        record Case(String name, String content, String expected) {
        }
        List<Case> cases = List.of(
                new Case("noend.sto", "x\nnRows=1\ntime\tq\n0\t1\n", "endheader"),
                new Case("nolabels.sto", "x\nendheader\n\n", "no column labels"),
                new Case("notime.sto", "x\nendheader\nt\tq\n0\t1\n", "'time'"),
                new Case("dup.sto", "x\nendheader\ntime\tq\tq\n0\t1\t2\n", "duplicate"),
                new Case("rows.sto", "x\nnRows=3\nendheader\ntime\tq\n0\t1\n", "declares 3 rows but the file has 1"),
                new Case("cols.sto", "x\nnColumns=3\nendheader\ntime\tq\n0\t1\n", "declares 3 columns"),
                new Case("vec3.sto", "x\nDataType=Vec3\nendheader\ntime\tq\n0\t1\n", "Vec3"),
                new Case("deg.sto", "x\ninDegrees=maybe\nendheader\ntime\tq\n0\t1\n", "inDegrees"),
                new Case("count.sto", "x\nnRows=many\nendheader\ntime\tq\n0\t1\n", "nRows"));
        for (Case c : cases) {
            Path p = file(c.name(), c.content());
            StorageFileException e = assertThrows(StorageFileException.class, () -> StorageFile.read(p), c.name());
            assertTrue(e.getMessage().contains(c.name()) && e.getMessage().contains(c.expected()),
                    c.name() + ": " + e.getMessage());
        }
        StorageFileException missing = assertThrows(StorageFileException.class,
                () -> StorageFile.read(dir.resolve("absent.sto")));
        assertTrue(missing.getMessage().contains("absent.sto"), missing.getMessage());
    }

    @Test
    void invalidDataIsRejectedBeforeWriting() {
        double[] t = {0, 1};
        assertThrows(IllegalArgumentException.class,
                () -> StorageFile.of("x", false, List.of("a", "b"), t, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> StorageFile.of("x", false, List.of("a b"), t, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> StorageFile.of("x", false, List.of("time"), t, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> StorageFile.of("x", false, List.of("a", "a"), t, new double[][] {{1, 2}, {1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> StorageFile.of("x", false, List.of("a"), t, new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class,
                () -> StorageFile.of("a=b", false, List.of("a"), t, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> StorageFile.of("x", false, List.of("a"), t,
                new double[][] {{1, 2}}, Map.of("nRows", "5"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> StorageFile.of("x", false, List.of("a"), t,
                new double[][] {{1, 2}}, Map.of(), List.of("endheader")));
    }
}
