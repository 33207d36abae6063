package armid.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code armid identify} end to end on a tiny simulated dataset: the result and the history agree with each other
 * and with the dataset's ground truth; a run stopped part-way and resumed (once, or twice across the phase boundary)
 * ends exactly where the uninterrupted run ends; a non-empty output folder is refused.
 */
class IdentifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EPOCHS = 6;
    private static final int TENDON = 3;

    private static String[] args(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("identify", "--data", TinyDataset.folder().toString(),
                "--method", "M1", "--seed", "4", "--epochs", "" + EPOCHS, "--tendon-epochs", "" + TENDON,
                "--lr", "5e-3", "--threads", "2", "--checkpoint-every", "4", "--parameters-every", "2", "--no-progress",
                "--out",
                out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void resultAndHistoryAreConsistentAndAResumedRunEndsWhereTheUninterruptedOneEnds(@TempDir Path tmp)
            throws IOException {
        Path full = tmp.resolve("full");
        assertEquals(0, Main.run(args(full)));
        JsonNode result = JSON.readTree(full.resolve("result.json").toFile());
        List<String> history = Files.readAllLines(full.resolve("history.csv"));
        checkResult(result, history);
        checkParameters(result, Files.readAllLines(full.resolve("parameters.csv")), history);

        // Stopped after 3 epochs (inside the first phase), resumed to the end.
        Path once = tmp.resolve("once");
        assertEquals(0, Main.run(args(once, "--stop-after", "3")));
        assertFalse(Files.exists(once.resolve("result.json")));
        assertEquals(4, Files.readAllLines(once.resolve("history.csv")).size());
        JsonNode ck = JSON.readTree(once.resolve("checkpoint.json").toFile());
        assertEquals(3, ck.get("state").get("epoch").asInt());
        assertEquals(0, Main.run("identify", "--resume", "--no-progress", "--out", once.toString()));
        sameRun(full, once);

        // Stopped at the end of the first phase, then one epoch into the second, then resumed to the end.
        Path twice = tmp.resolve("twice");
        assertEquals(0, Main.run(args(twice, "--stop-after", "" + EPOCHS)));
        assertEquals(0, Main.run("identify", "--resume", "--no-progress", "--stop-after", "" + (EPOCHS + 1),
                "--out", twice.toString()));
        assertFalse(Files.exists(twice.resolve("result.json")));
        assertEquals(0, Main.run("identify", "--resume", "--no-progress", "--out", twice.toString(), "--data",
                TinyDataset.folder().toString()));
        sameRun(full, twice);

        // Resuming a finished run changes nothing.
        byte[] before = Files.readAllBytes(full.resolve("result.json"));
        assertEquals(0, Main.run("identify", "--resume", "--no-progress", "--out", full.toString()));
        assertEquals(new String(before), Files.readString(full.resolve("result.json")));
    }

    private static void checkResult(JsonNode r, List<String> history) throws IOException {
        assertEquals(1 + EPOCHS + TENDON, history.size());
        String[] header = history.get(0).split(",");
        assertEquals(List.of("epoch", "phase", "loss", "cr1_percent", "cr2_percent", "cr2m_percent", "beta_1"),
                List.of(header).subList(0, 7));
        assertEquals(EPOCHS + TENDON, r.get("epochs_done").asInt());
        assertTrue(r.get("ground_truth_known").asBoolean());
        assertTrue(r.get("fiber_kinematics").asBoolean());
        assertEquals(2, r.get("not_identifiable").size());
        // Parameters: ground truth from the dataset, initial guess, estimate, percentage errors.
        JsonNode ps = r.get("parameters");
        assertEquals(ParameterRegistry.SIZE, ps.size());
        double[] gt = new double[ps.size()];
        double[] ini = new double[ps.size()];
        double[] est = new double[ps.size()];
        List<Integer> sel = new java.util.ArrayList<>();
        var truth = TinyDataset.truth();
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            gt[i] = p.get("ground_truth").asDouble();
            ini[i] = p.get("initial").asDouble();
            est[i] = p.get("estimate").asDouble();
            if (p.get("selected").asBoolean()) {
                sel.add(i);
            }
            if (gt[i] != 0) {
                assertEquals(100 * (est[i] - gt[i]) / Math.abs(gt[i]), p.get("error_percent").asDouble(), 1e-9);
            }
            if (!p.get("selected").asBoolean()) {
                assertEquals(gt[i], est[i], 0.0, p.get("name").asText());
            }
        }
        assertEquals(78, sel.size());
        assertEquals("/emg:c2", ps.get(ParameterRegistry.C2).get("name").asText());
        assertEquals(truth.shared().c2(), gt[ParameterRegistry.C2], 0.0);
        assertEquals(truth.muscles().get("TRIlong").maxIsometricForce(),
                gt[ParameterRegistry.muscleIndex(8, ParameterRegistry.F0)], 0.0);
        int[] idx = sel.stream().mapToInt(Integer::intValue).toArray();
        // Metrics: initial ones are the first history row's, final ones those of the estimate.
        JsonNode m = r.get("metrics");
        String[] first = history.get(1).split(",");
        assertEquals(Metrics.cr1(ini, gt, idx), Double.parseDouble(first[3]), 1e-12);
        assertEquals(Metrics.cr1(ini, gt, idx), m.get("initial").get("cr1_percent").asDouble(), 1e-12);
        assertEquals(Metrics.cr2(ini, gt, idx), Double.parseDouble(first[4]), 1e-12);
        assertEquals(Metrics.cr2Muscle(ini, gt, idx), Double.parseDouble(first[5]), 1e-12);
        assertEquals(Metrics.cr1(est, gt, idx), m.get("final").get("cr1_percent").asDouble(), 1e-12);
        assertEquals(Metrics.cr2(est, gt, idx), m.get("final").get("cr2_percent").asDouble(), 1e-12);
        assertEquals(Metrics.cr2Muscle(est, gt, idx), m.get("final").get("cr2m_percent").asDouble(), 1e-12);
        assertTrue(Double.isFinite(m.get("final").get("loss").asDouble()));
        String[] last = history.get(history.size() - 1).split(",");
        assertEquals(EPOCHS + TENDON - 1, Integer.parseInt(last[0]));
        assertEquals("tendon", last[1]);
        assertEquals(Double.parseDouble(last[2]), m.get("last_epoch").get("loss").asDouble(), 0.0);
        assertEquals(Double.parseDouble(last[3]), m.get("last_epoch").get("cr1_percent").asDouble(), 0.0);
        // Base coefficients: one history column each, the first row's equal to those of the initial guess.
        JsonNode b = r.get("base_coefficients");
        int nb = b.get("names").size();
        assertEquals(6 + nb, header.length);
        for (int k = 0; k < nb; k++) {
            assertEquals(b.get("initial").get(k).asDouble(), Double.parseDouble(first[6 + k]),
                    1e-12 * Math.max(1, Math.abs(b.get("initial").get(k).asDouble())));
        }
        // The loss falls over the first phase.
        assertTrue(Double.parseDouble(history.get(EPOCHS).split(",")[2]) < Double.parseDouble(first[2]));
    }

    /**
     * parameters.csv: OpenSim names as columns, rows every 2 epochs from the initial guess (epoch 0) and the estimate
     * as the last row, each row's Cr1 equal to the history's at that epoch.
     */
    private static void checkParameters(JsonNode r, List<String> rows, List<String> history) {
        JsonNode ps = r.get("parameters");
        String[] header = rows.get(0).split(",");
        assertEquals(1 + ParameterRegistry.SIZE, header.length);
        assertEquals("epoch", header[0]);
        double[] gt = new double[ps.size()];
        List<Integer> sel = new java.util.ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            assertEquals(ps.get(i).get("name").asText(), header[1 + i]);
            gt[i] = ps.get(i).get("ground_truth").asDouble();
            if (ps.get(i).get("selected").asBoolean()) {
                sel.add(i);
            }
        }
        int[] idx = sel.stream().mapToInt(Integer::intValue).toArray();
        // Epochs 0, 2, 4, 6, 8 and the estimate after the 9th epoch.
        List<Integer> epochs = rows.subList(1, rows.size()).stream().map(l -> Integer.parseInt(l.split(",")[0]))
                .toList();
        assertEquals(List.of(0, 2, 4, 6, 8, EPOCHS + TENDON), epochs);
        double[][] theta = new double[rows.size() - 1][ps.size()];
        for (int k = 1; k < rows.size(); k++) {
            String[] v = rows.get(k).split(",");
            for (int i = 0; i < ps.size(); i++) {
                theta[k - 1][i] = Double.parseDouble(v[1 + i]);
            }
        }
        for (int i = 0; i < ps.size(); i++) {
            assertEquals(ps.get(i).get("initial").asDouble(), theta[0][i], 0.0);
            assertEquals(ps.get(i).get("estimate").asDouble(), theta[theta.length - 1][i], 0.0);
        }
        for (int k = 0; k < theta.length - 1; k++) {
            String[] h = history.get(1 + epochs.get(k)).split(",");
            assertEquals(Double.parseDouble(h[3]), Metrics.cr1(theta[k], gt, idx), 1e-12, "epoch " + epochs.get(k));
        }
        assertEquals(r.get("metrics").get("final").get("cr1_percent").asDouble(),
                Metrics.cr1(theta[theta.length - 1], gt, idx), 1e-12);
        assertTrue(r.get("wall_time_s").asDouble() > 0);
    }

    private static void sameRun(Path a, Path b) throws IOException {
        JsonNode ra = JSON.readTree(a.resolve("result.json").toFile());
        JsonNode rb = JSON.readTree(b.resolve("result.json").toFile());
        for (int i = 0; i < ParameterRegistry.SIZE; i++) {
            double x = ra.get("parameters").get(i).get("estimate").asDouble();
            double y = rb.get("parameters").get(i).get("estimate").asDouble();
            assertEquals(x, y, 1e-12 * Math.max(1, Math.abs(x)), ra.get("parameters").get(i).get("name").asText());
        }
        for (String k : List.of("loss", "cr1_percent", "cr2_percent", "cr2m_percent")) {
            assertEquals(ra.get("metrics").get("final").get(k).asDouble(),
                    rb.get("metrics").get("final").get(k).asDouble(), 1e-12, k);
        }
        List<String> ha = Files.readAllLines(a.resolve("history.csv"));
        List<String> hb = Files.readAllLines(b.resolve("history.csv"));
        assertEquals(ha.size(), hb.size());
        for (int r = 1; r < ha.size(); r++) {
            String[] x = ha.get(r).split(",");
            String[] y = hb.get(r).split(",");
            assertEquals(x[1], y[1]);
            for (int c = 2; c < x.length; c++) {
                double u = Double.parseDouble(x[c]);
                assertEquals(u, Double.parseDouble(y[c]), 1e-12 * Math.max(1, Math.abs(u)), "row " + r + " col " + c);
            }
        }
        // In fact bit for bit.
        assertEquals(ha, hb);
        assertEquals(Files.readAllLines(a.resolve("parameters.csv")), Files.readAllLines(b.resolve("parameters.csv")));
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedAndLeftAlone(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(1, Main.run(args(out)));
        assertEquals(List.of("notes.txt"), Files.list(out).map(p -> p.getFileName().toString()).toList());
        var cfg = new IdentificationJob.Config(TinyDataset.folder(), IdentificationLoss.Method.M1, null, null, 1, 0,
                null, 1, out, false, null, null);
        IOException e = assertThrows(IOException.class, () -> IdentificationJob.run(cfg, null));
        assertTrue(e.getMessage().contains("not empty") && e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void badUsageIsExplained(@TempDir Path tmp) throws IOException {
        // Resume without a checkpoint.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        var resume = new IdentificationJob.Config(null, null, null, null, null, null, null, 1, empty, true, null,
                null);
        IOException e = assertThrows(IOException.class, () -> IdentificationJob.run(resume, null));
        assertTrue(e.getMessage().contains("checkpoint.json"), e.getMessage());
        // A bad dataset: nothing is written.
        Path data = TinyDataset.copy(tmp.resolve("data"));
        Files.delete(data.resolve("accelerations.sto"));
        Path out = tmp.resolve("out");
        var cfg = new IdentificationJob.Config(data, IdentificationLoss.Method.M2, null, null, 1, 0, null, 1, out,
                false, null, null);
        e = assertThrows(IOException.class, () -> IdentificationJob.run(cfg, null));
        assertTrue(e.getMessage().contains("accelerations.sto"), e.getMessage());
        assertFalse(Files.exists(out));
        // Missing method; conflicting option on resume.
        var noMethod = new IdentificationJob.Config(TinyDataset.folder(), null, null, null, 1, 0, null, 1,
                tmp.resolve("x"), false, null, null);
        assertThrows(IllegalArgumentException.class, () -> IdentificationJob.run(noMethod, null));
        Path run = tmp.resolve("run");
        assertEquals(0, Main.run("identify", "--data", TinyDataset.folder().toString(), "--method", "M2",
                "--epochs", "2", "--tendon-epochs", "0", "--threads", "1", "--no-progress", "--stop-after", "1",
                "--out", run.toString()));
        var conflict = new IdentificationJob.Config(null, IdentificationLoss.Method.M1, null, null, null, null, null,
                null, run, true, null, null);
        var ex = assertThrows(IllegalArgumentException.class, () -> IdentificationJob.run(conflict, null));
        assertTrue(ex.getMessage().contains("--method M1"), ex.getMessage());
    }
}
