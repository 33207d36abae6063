package armid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("armid: " + ex.getMessage());
            return 1;
        });
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void evalJsonHasTheDocumentedShapeAndSymmetricMassMatrix() throws Exception {
        Result r = run("model", "eval", "--q", "elv_angle=0.3,shoulder_elv=1.2,elbow_flexion=90deg",
                "--qdot", "shoulder_elv=0.5", "--json");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals(16, j.get("coordinates").size());
        assertEquals(16, j.get("q").size());
        assertEquals(16, j.get("massMatrix").size());
        assertEquals(16, j.get("massMatrix").get(0).size());
        assertEquals(11, j.get("constraintMatrix").size());
        assertEquals(16, j.get("constraintMatrix").get(0).size());
        assertEquals(11, j.get("constraintBias").size());
        assertEquals(Math.PI / 2, j.get("q").get(14).asDouble(), 1e-15);
        // shoulder1_r2 = −elv_angle through its coupler.
        assertEquals(-0.3, j.get("q").get(12).asDouble(), 1e-12);
        // sternoclavicular_r2 speed follows shoulder_elv's.
        assertEquals(-0.633555 / 2.61799 * 0.5, j.get("qdot").get(0).asDouble(), 1e-12);
        for (int i = 0; i < 16; i++) {
            for (int k = 0; k < 16; k++) {
                assertEquals(j.get("massMatrix").get(i).get(k).asDouble(), j.get("massMatrix").get(k).get(i)
                        .asDouble(), 1e-12);
            }
        }
        // Gravity is part of the bias forces, and the difference is the velocity term.
        assertTrue(Math.abs(j.get("gravityForces").get(11).asDouble()) > 0.1);
    }

    @Test
    void aDependentValueThatBreaksItsCouplerIsAnError() {
        Result r = run("model", "eval", "--q", "shoulder_elv=1.0,sternoclavicular_r2=0.5", "--json");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("sternoclavicular_r2") && r.err.contains("coupler"), r.err);
    }

    @Test
    void unknownAndLockedCoordinatesAreNamed() {
        Result r = run("model", "eval", "--q", "elbow=1");
        assertTrue(r.err.contains("unknown coordinate 'elbow'"), r.err);
        Result l = run("model", "eval", "--q", "flexion=0.2");
        assertTrue(l.err.contains("'flexion' is locked"), l.err);
    }

    @Test
    void posesFileGivesOneObjectPerRowAndNamesBadCells(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("poses.csv");
        Files.writeString(ok, "elv_angle,shoulder_elv,elbow_flexion/speed\n0.1,0.5,1.0\n0.2,0.6,-1.0\n");
        Result r = run("model", "eval", "--poses", ok.toString(), "--json");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals(2, j.size());
        assertEquals(0.6, j.get(1).get("q").get(11).asDouble(), 1e-15);
        assertEquals(-1.0, j.get(1).get("qdot").get(14).asDouble(), 1e-15);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "elv_angle,shoulder_elv\n0.1,0.5\n0.2,abc\n");
        Result e = run("model", "eval", "--poses", bad.toString(), "--json");
        assertEquals(1, e.code);
        assertTrue(e.err.contains("row 3") && e.err.contains("column 2") && e.err.contains("shoulder_elv"), e.err);
    }

    @Test
    void infoJsonListsCoordinatesConstraintsBodiesAndMuscles() throws Exception {
        Result r = run("model", "info", "--json");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals(16, j.get("coordinates").size());
        assertEquals(11, j.get("constraints").size());
        assertEquals(50, j.get("muscles").size());
        int independent = 0;
        for (JsonNode c : j.get("coordinates")) {
            independent += c.get("independent").asBoolean() ? 1 : 0;
        }
        assertEquals(5, independent);
    }

    @Test
    void infoReadsAnotherModelFile() {
        Path arm26 = armid.TestData.oracle("opensim-core/Applications/Analyze/tests/resources/arm26.osim");
        Result r = run("model", "info", "--model", arm26.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("r_shoulder_elev") && r.out.contains("r_elbow_flex"), r.out);
    }

    @Test
    void curvesWritesChartsAndACsvOfExactAndFittedValues(@TempDir Path dir) throws Exception {
        Result r = run("model", "curves", "--muscle", "BIClong", "--out", dir.toString(), "--samples", "201");
        assertEquals(0, r.code, r.err);
        for (String c : new String[] {"active_force_length", "force_velocity", "fiber_force_length",
            "tendon_force_length"}) {
            assertTrue(Files.size(dir.resolve(c + ".png")) > 1000);
            assertTrue(Files.readString(dir.resolve(c + "_difference.svg")).contains("<svg"));
        }
        var lines = Files.readAllLines(dir.resolve("curves.csv"));
        assertEquals("curve,x,exact_value,exact_derivative,fitted_value", lines.get(0));
        assertEquals(1 + 4 * 201, lines.size());
        double worst = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            worst = Math.max(worst, Math.abs(Double.parseDouble(c[2]) - Double.parseDouble(c[4])));
        }
        assertTrue(worst < 1e-3, "fitted vs exact " + worst);
    }

    @Test
    void demoRunsASmallStudyAndEndsWithTheReportsPath(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Result r = run("demo", "--duration", "0.05", "--rate", "100", "--epochs", "4", "--tendon-epochs", "2",
                "--no-progress", "--out", out.toString());
        assertEquals(0, r.code, r.err + r.out);
        // One movement x two seeds x M1, M2.
        for (String run : new String[] {"m1-seed1-M1", "m1-seed1-M2", "m1-seed2-M1", "m1-seed2-M2"}) {
            JsonNode j = new ObjectMapper().readTree(out.resolve("runs").resolve(run).resolve("result.json")
                    .toFile());
            assertEquals(6, j.get("epochs_done").asInt());
        }
        assertTrue(r.out.contains("Cr2^m"), r.out);
        Path html = out.resolve("report.html").toAbsolutePath();
        assertTrue(Files.isRegularFile(html));
        String[] lines = r.out.strip().split("\\R");
        assertTrue(lines[lines.length - 1].endsWith(html.toString()), lines[lines.length - 1]);
    }
}
