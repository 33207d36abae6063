package armid.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code armid study} and {@code armid report} end to end on a tiny study (one simulated movement of 0.1 s, two
 * seeds, M1 and M2, 6 + 3 epochs): grown from one seed to two, interrupted and continued; finished runs are left
 * alone and a continued run ends exactly where an uninterrupted {@code armid identify} ends; the criteria and
 * parameter tables equal a second computation from the runs' result.json files; report.html shows every image and
 * table in headless Chromium.
 */
class StudyReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RUN_IDS = {"m1-seed1-M1", "m1-seed1-M2", "m1-seed2-M1", "m1-seed2-M2"};

    @TempDir
    static Path tmp;
    static Path study;
    static Map<String, byte[]> seed1Results = new HashMap<>();
    static Map<String, FileTime> seed1Times = new HashMap<>();
    static Path uninterrupted;

    private static List<String> args(String... extra) {
        List<String> a = new ArrayList<>(List.of("study", "--movements", "1", "--methods", "M1,M2", "--epochs", "6",
                "--tendon-epochs", "3", "--duration", "0.1", "--rate", "200", "--tolerance", "1e-6",
                "--parameters-every", "2", "--parallel", "2", "--threads", "1", "--no-progress", "--out",
                study.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    @BeforeAll
    static void runTheStudy() throws IOException {
        study = tmp.resolve("study");
        // One seed first: two runs finish.
        assertEquals(0, Main.run(args("--seeds", "1").toArray(String[]::new)));
        for (String id : List.of("m1-seed1-M1", "m1-seed1-M2")) {
            Path f = study.resolve("runs").resolve(id).resolve("result.json");
            seed1Results.put(id, Files.readAllBytes(f));
            seed1Times.put(id, Files.getLastModifiedTime(f));
        }
        // Grown to two seeds and interrupted after 4 epochs of each new run.
        assertEquals(0, Main.run(args("--seeds", "2", "--stop-after", "4").toArray(String[]::new)));
        for (String id : List.of("m1-seed2-M1", "m1-seed2-M2")) {
            Path dir = study.resolve("runs").resolve(id);
            assertFalse(Files.exists(dir.resolve("result.json")), id);
            assertEquals(4, JSON.readTree(dir.resolve("checkpoint.json").toFile()).get("state").get("epoch").asInt());
        }
        // Continued with the saved settings only.
        assertEquals(0, Main.run("study", "--no-progress", "--out", study.toString()));
        // The same run, never interrupted, with armid identify.
        uninterrupted = tmp.resolve("uninterrupted");
        assertEquals(0, Main.run("identify", "--data", study.resolve("datasets/movement-1").toString(), "--method",
                "M2", "--seed", "2", "--epochs", "6", "--tendon-epochs", "3", "--threads", "1",
                "--parameters-every", "2", "--no-progress", "--out", uninterrupted.toString()));
    }

    @Test
    void theStudyFolderHoldsEveryRunAndFinishedRunsAreNotRedone() throws IOException {
        JsonNode settings = JSON.readTree(study.resolve("study.json").toFile());
        assertEquals(2, settings.get("seeds").asInt());
        assertEquals(4, settings.get("runs").asInt());
        assertTrue(Files.isRegularFile(study.resolve("datasets/movement-1/dataset.json")));
        for (String id : RUN_IDS) {
            assertTrue(Files.isRegularFile(study.resolve("runs").resolve(id).resolve("result.json")), id);
        }
        for (var e : seed1Results.entrySet()) {
            Path f = study.resolve("runs").resolve(e.getKey()).resolve("result.json");
            assertArrayEquals(e.getValue(), Files.readAllBytes(f), e.getKey());
            assertEquals(seed1Times.get(e.getKey()), Files.getLastModifiedTime(f), e.getKey());
        }
    }

    @Test
    void aContinuedRunEndsExactlyWhereTheUninterruptedRunEnds() throws IOException {
        Path run = study.resolve("runs/m1-seed2-M2");
        for (String f : List.of("history.csv", "parameters.csv")) {
            assertEquals(Files.readAllLines(uninterrupted.resolve(f)), Files.readAllLines(run.resolve(f)), f);
        }
        JsonNode a = JSON.readTree(uninterrupted.resolve("result.json").toFile());
        JsonNode b = JSON.readTree(run.resolve("result.json").toFile());
        assertEquals(a.get("parameters"), b.get("parameters"));
        assertEquals(a.get("metrics"), b.get("metrics"));
    }

    @Test
    void oneSeedGivesM1AndM2TheSameInitialGuessOfTheirCommonParameters() throws IOException {
        for (int seed = 1; seed <= 2; seed++) {
            JsonNode m1 = result("m1-seed" + seed + "-M1").get("parameters");
            JsonNode m2 = result("m1-seed" + seed + "-M2").get("parameters");
            int common = 0;
            for (int i = 0; i < m1.size(); i++) {
                if (m1.get(i).get("selected").asBoolean() && m2.get(i).get("selected").asBoolean()) {
                    assertEquals(m1.get(i).get("initial").asDouble(), m2.get(i).get("initial").asDouble(), 0.0,
                            m1.get(i).get("name").asText());
                    common++;
                }
            }
            assertEquals(78, common);
        }
    }

    // ------------------------------------------------------------------------------------------------ tables

    /** Eq. 22–23 and the quartiles recomputed from the runs' result.json, against criteria.csv and report.html. */
    @Test
    void theCriteriaTableEqualsASecondComputationFromTheResults() throws IOException {
        List<JsonNode> results = new ArrayList<>();
        for (String id : RUN_IDS) {
            results.add(result(id));
        }
        int n = results.get(0).get("parameters").size();
        boolean[] common = new boolean[n];
        Arrays.fill(common, true);
        for (JsonNode r : results) {
            for (int i = 0; i < n; i++) {
                common[i] &= r.get("parameters").get(i).get("selected").asBoolean();
            }
        }
        List<Map<String, String>> csv = readCsv(study.resolve("tables/criteria.csv"));
        Map<String, Map<String, Double>> html = htmlTable(study.resolve("report.html"), "criteria", "method");
        assertEquals(2, csv.size());
        for (String method : List.of("M1", "M2")) {
            List<double[]> crit = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            for (JsonNode r : results) {
                if (r.get("settings").get("method").asText().equals(method)) {
                    crit.add(criteria(r.get("parameters"), common));
                    wall.add(r.get("wall_time_s").asDouble());
                }
            }
            Map<String, String> row = csv.stream().filter(x -> x.get("method").equals(method)).findFirst()
                    .orElseThrow();
            assertEquals("2", row.get("runs"));
            String[] names = {"cr1", "cr2", "cr2m"};
            for (int c = 0; c < 3; c++) {
                final int cc = c;
                double[] v = crit.stream().mapToDouble(x -> x[cc]).sorted().toArray();
                // Two runs: Q1, median, Q3 at 1/4, 1/2, 3/4 of the way from the smaller to the larger.
                double[] expected = {v[0] + 0.25 * (v[1] - v[0]), 0.5 * (v[0] + v[1]), v[0] + 0.75 * (v[1] - v[0])};
                String[] cols = {names[c] + "_q1", names[c] + "_median", names[c] + "_q3"};
                for (int k = 0; k < 3; k++) {
                    double got = Double.parseDouble(row.get(cols[k]));
                    assertEquals(expected[k], got, 1e-10 * Math.abs(expected[k]), method + " " + cols[k]);
                    assertEquals(got, html.get(method).get(cols[k]), 0.0, "report.html " + method + " " + cols[k]);
                }
            }
            double wallMedian = 0.5 * (wall.get(0) + wall.get(1));
            assertEquals(wallMedian, Double.parseDouble(row.get("wall_time_median_s")), 1e-12 * wallMedian);
        }
        // M1's parameters (30 bone + 9 × 5 muscle − 2 held pennations + 5 shared) are the common ones.
        assertEquals(78, java.util.stream.IntStream.range(0, n).filter(i -> common[i]).count());
    }

    /** The median final error of each parameter equals the median of result.json's error_percent. */
    @Test
    void theParameterTableEqualsTheRunsErrors() throws IOException {
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (Map<String, String> r : readCsv(study.resolve("tables/parameters.csv"))) {
            rows.put(r.get("parameter"), r);
        }
        for (String method : List.of("M1", "M2")) {
            JsonNode a = result("m1-seed1-" + method).get("parameters");
            JsonNode b = result("m1-seed2-" + method).get("parameters");
            int checked = 0;
            for (int i = 0; i < a.size(); i++) {
                String name = a.get(i).get("name").asText();
                String got = rows.containsKey(name) ? rows.get(name).get(method + "_median_error_percent") : null;
                if (!a.get(i).get("selected").asBoolean() || a.get(i).get("error_percent").isNull()) {
                    assertTrue(got == null || got.isEmpty(), method + " " + name);
                    continue;
                }
                double expected = 0.5 * (a.get(i).get("error_percent").asDouble()
                        + b.get(i).get("error_percent").asDouble());
                assertEquals(expected, Double.parseDouble(got), 1e-9 * Math.max(1, Math.abs(expected)),
                        method + " " + name);
                checked++;
            }
            // M1: 78; M2: all 115 but the zero pennations of BIClong, BICshort, BRD and BRA.
            assertEquals(method.equals("M1") ? 78 : 111, checked);
        }
        // Base dynamic coefficients: the final error from result.json's ground truth and estimate.
        JsonNode base = result("m1-seed1-M1").get("base_coefficients");
        JsonNode base2 = result("m1-seed2-M1").get("base_coefficients");
        for (int k = 0; k < base.get("names").size(); k++) {
            String key = "β" + (k + 1) + " = " + base.get("names").get(k).asText();
            double gt = base.get("ground_truth").get(k).asDouble();
            double e1 = 100 * (base.get("estimate").get(k).asDouble() - gt) / Math.abs(gt);
            double e2 = 100 * (base2.get("estimate").get(k).asDouble() - gt) / Math.abs(gt);
            assertEquals(0.5 * (e1 + e2), Double.parseDouble(rows.get(key).get("M1_median_error_percent")),
                    1e-9 * Math.max(1, Math.abs(e1 + e2)), key);
        }
    }

    /** Every Markdown table has as many cells in each row as in its header (pipes in text are escaped). */
    @Test
    void markdownTablesHaveOneCellPerColumn() throws IOException {
        for (String t : List.of("criteria", "parameters", "runs")) {
            List<String> lines = Files.readAllLines(study.resolve("tables").resolve(t + ".md"));
            long cells = cells(lines.get(0));
            assertEquals(readCsv(study.resolve("tables").resolve(t + ".csv")).size() + 2, lines.size(), t);
            for (String line : lines) {
                assertEquals(cells, cells(line), t + ": " + line);
            }
        }
    }

    private static long cells(String line) {
        return line.replaceAll("\\\\\\|", "").chars().filter(c -> c == '|').count();
    }

    // ------------------------------------------------------------------------------------------------ report

    @Test
    void figuresAreReadablePngAndWellFormedSvg() throws Exception {
        List<Path> pngs;
        try (Stream<Path> s = Files.list(study.resolve("figures"))) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        // Fig. 4: Cr1, final boxplots; Fig. 5: five muscle properties, shared, base coefficients.
        assertEquals(9, pngs.size(), pngs.toString());
        var dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path png : pngs) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png.toString());
            assertTrue(img.getWidth() >= 400 && img.getHeight() >= 250, png.toString());
            Path svg = png.resolveSibling(png.getFileName().toString().replace(".png", ".svg"));
            assertEquals("svg", dbf.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName(),
                    svg.toString());
        }
    }

    @Test
    void reportShowsEveryImageAndTableInChromium() throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null && System.getenv("ARMID_REQUIRE_CHROMIUM") == null) {
            Assumptions.abort("chromium is not installed (apt-get install -y chromium)");
        }
        assertNotNull(chromium, "ARMID_REQUIRE_CHROMIUM is set but chromium is not installed");
        // A copy of the report beside it (same relative links) with a script that writes what the browser loaded.
        String html = Files.readString(study.resolve("report.html"));
        String probe = "<div id=\"probe\"></div><script>window.addEventListener('load',function(){var r=[];"
                + "document.querySelectorAll('img').forEach(function(i){r.push(i.getAttribute('src')+'='"
                + "+i.naturalWidth)});var t=[];document.querySelectorAll('table').forEach(function(x){"
                + "t.push(x.id+'='+x.querySelectorAll('tbody tr').length)});document.getElementById('probe')"
                + ".textContent='IMAGES['+r.join(';')+'] TABLES['+t.join(';')+']';});</script>";
        Path page = study.resolve("probe.html");
        Files.writeString(page, html.replace("</body>", probe + "</body>"));
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        Files.delete(page);
        Matcher m = Pattern.compile("<div id=\"probe\">IMAGES\\[([^\\]]*)\\] TABLES\\[([^\\]]*)\\]</div>")
                .matcher(dom);
        assertTrue(m.find(), "the probe did not run: " + dom.substring(0, Math.min(300, dom.length())));
        String[] images = m.group(1).split(";");
        assertEquals(9, images.length, m.group(1));
        for (String img : images) {
            String[] kv = img.split("=");
            assertTrue(Integer.parseInt(kv[1]) > 0, "image not loaded: " + img);
        }
        Map<String, Integer> tables = new HashMap<>();
        for (String t : m.group(2).split(";")) {
            String[] kv = t.split("=");
            tables.put(kv[0], Integer.parseInt(kv[1]));
        }
        assertEquals(2, tables.get("criteria"));
        assertEquals(4, tables.get("runs"));
        assertTrue(tables.get("parameters") >= 111, tables.toString());
        assertTrue(tables.containsKey("settings") && tables.containsKey("datasets"), tables.toString());
    }

    @Test
    void reportRebuildsFiguresTablesAndHtmlFromTheRuns() throws IOException {
        byte[] criteria = Files.readAllBytes(study.resolve("tables/criteria.csv"));
        Path copy = tmp.resolve("copy");
        copyTree(study, copy);
        deleteTree(copy.resolve("figures"));
        deleteTree(copy.resolve("tables"));
        Files.delete(copy.resolve("report.html"));
        assertEquals(0, Main.run("report", copy.toString()));
        assertArrayEquals(criteria, Files.readAllBytes(copy.resolve("tables/criteria.csv")));
        assertTrue(Files.isRegularFile(copy.resolve("figures/fig4-cr1.png")));
        String html = Files.readString(copy.resolve("report.html"));
        assertTrue(html.contains("armid " + armid.cli.Version.current()), "software version");
        assertTrue(html.contains(StudyReport.sha256(armid.osim.BundledModels.moblArmsBytes())), "model SHA-256");
    }

    @Test
    void aFolderThatIsNoStudyAndConflictingSettingsAreRefused() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertEquals(1, Main.run("study", "--out", other.toString(), "--no-progress"));
        assertEquals(List.of("notes.txt"), Files.list(other).map(p -> p.getFileName().toString()).toList());
        // Another schedule for an existing study: refused before anything runs.
        assertEquals(1, Main.run("study", "--epochs", "7", "--no-progress", "--out", study.toString()));
        assertEquals(6, JSON.readTree(study.resolve("study.json").toFile()).get("epochs").asInt());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static JsonNode result(String id) throws IOException {
        return JSON.readTree(study.resolve("runs").resolve(id).resolve("result.json").toFile());
    }

    /** Cr1, Cr2, Cr2^m (eq. 22–23) over the flagged parameters; muscle and shared parameters follow the 30 bones. */
    private static double[] criteria(JsonNode ps, boolean[] use) {
        double num = 0, den = 0, sum = 0, sumM = 0;
        int cnt = 0, cntM = 0;
        for (int i = 0; i < ps.size(); i++) {
            if (!use[i]) {
                continue;
            }
            double gt = ps.get(i).get("ground_truth").asDouble();
            double est = ps.get(i).get("estimate").asDouble();
            num += (est - gt) * (est - gt);
            den += gt * gt;
            if (gt != 0) {
                double rel = Math.abs(est - gt) / Math.abs(gt);
                sum += rel;
                cnt++;
                if (i >= 30) {
                    sumM += rel;
                    cntM++;
                }
            }
        }
        return new double[] {100 * Math.sqrt(num) / Math.sqrt(den), 100 * sum / cnt, 100 * sumM / cntM};
    }

    private static List<Map<String, String>> readCsv(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (ch == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (ch == ',' && !quoted) {
                    cells.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            cells.add(cur.toString());
            assertEquals(header.length, cells.size(), f + ": " + line);
            Map<String, String> row = new HashMap<>();
            for (int k = 0; k < header.length; k++) {
                row.put(header[k], cells.get(k));
            }
            out.add(row);
        }
        return out;
    }

    /**
     * The numbers of an HTML table by row key and column: each cell's full-precision data-value, which must agree
     * with its displayed four significant digits.
     */
    private static Map<String, Map<String, Double>> htmlTable(Path file, String id, String keyColumn)
            throws IOException {
        String html = Files.readString(file);
        int start = html.indexOf("<table id=\"" + id + "\">");
        assertTrue(start >= 0, "no table " + id);
        String table = html.substring(start, html.indexOf("</table>", start));
        Map<String, Map<String, Double>> out = new HashMap<>();
        Matcher rows = Pattern.compile("<tr>(.*?)</tr>").matcher(table);
        Pattern cell = Pattern.compile("<td[^>]*data-column=\"([^\"]+)\"(?: data-value=\"([^\"]+)\")?>([^<]*)</td>");
        while (rows.find()) {
            Matcher c = cell.matcher(rows.group(1));
            Map<String, Double> vals = new HashMap<>();
            String key = null;
            while (c.find()) {
                if (c.group(1).equals(keyColumn)) {
                    key = c.group(3);
                } else if (c.group(2) != null) {
                    double v = Double.parseDouble(c.group(2));
                    double shown = Double.parseDouble(c.group(3));
                    assertEquals(v, shown, 5e-4 * Math.abs(v), id + " " + c.group(1) + ": shown " + c.group(3));
                    vals.put(c.group(1), v);
                }
            }
            if (key != null) {
                out.put(key, vals);
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
