package armid.report;

import armid.identify.IdentificationLoss;
import armid.osim.BundledModels;
import armid.study.Study;
import armid.study.StudySettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds a study folder's figures ({@link StudyFigures}), tables ({@code tables/}: criteria, parameters, runs as CSV
 * and Markdown) and {@value Study#REPORT}, which shows them with the settings, the datasets, the model's SHA-256 and
 * the software version. The HTML links the figures by relative paths, so the folder can be moved whole.
 */
public final class StudyReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StudyReport() {
    }

    /** Rebuilds everything from the study folder; returns report.html. */
    public static Path write(Path study, String version) throws IOException {
        StudyResults r = StudyResults.load(study);
        Path figures = study.resolve(Study.FIGURES);
        Path tables = study.resolve(Study.TABLES);
        List<StudyFigures.Figure> figs = StudyFigures.write(r, figures);
        Table criteria = StudyTables.criteria(r);
        Table parameters = StudyTables.parameters(r);
        Table runs = StudyTables.runs(r);
        for (Table t : List.of(criteria, parameters, runs)) {
            t.write(tables);
        }
        Path html = study.resolve(Study.REPORT);
        Table.writeAtomically(html, html(r, version, figs, criteria, parameters, runs));
        return html;
    }

    /** The criteria table of a study folder as Markdown (for the console). */
    public static String criteriaMarkdown(Path study) throws IOException {
        return StudyTables.criteria(StudyResults.load(study)).markdown();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String html(StudyResults r, String version, List<StudyFigures.Figure> figs, Table criteria,
                               Table parameters, Table runs) throws IOException {
        StudySettings s = r.settings();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>armid study: M1 vs M2</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em auto;max-width:1600px;padding:0 1em;color:#222}\n")
                .append("h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}\n")
                .append("table{border-collapse:collapse;margin:.6em 0;font-size:.88em}\n")
                .append("th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left}\n")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("th{background:#f2f2f2}\nfigure{margin:1em 0}\nfigure img{max-width:100%;height:auto;"
                        + "border:1px solid #eee}\nfigcaption{font-size:.9em;color:#444;max-width:1100px}\n")
                .append(".row{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}\n")
                .append("code{background:#f5f5f5;padding:0 .2em}\n</style>\n</head>\n<body>\n");
        h.append("<h1>Comparative study: identification without (M1) and with (M2) deep-muscle EMG</h1>\n");
        h.append("<p>After the paper's section IV: ").append(s.movements().size()).append(" movement(s) × ")
                .append(s.seeds()).append(" seeded initial guesses × ").append(s.methods().size())
                .append(" method(s), ").append(s.epochs()).append(" epochs with eq. 15 and ").append(s.tendonEpochs())
                .append(" with eq. 16. Finished runs: ").append(r.runs().size()).append(" of ")
                .append(r.runs().size() + r.pending().size()).append(".</p>\n");
        if (!r.pending().isEmpty()) {
            h.append("<p><strong>Unfinished runs</strong> (continue with <code>armid study --out ")
                    .append(esc(r.study().toString())).append("</code>): ");
            for (int k = 0; k < r.pending().size(); k++) {
                var p = r.pending().get(k);
                h.append(k == 0 ? "" : ", ").append(esc(p.run().id())).append(" (").append(p.epochsDone())
                        .append(" epochs)");
            }
            h.append(".</p>\n");
        }
        h.append("<table id=\"provenance\">\n");
        row(h, "software", "armid " + version);
        row(h, "model", BundledModels.MOBL_ARMS + ", SHA-256 " + sha256(BundledModels.moblArmsBytes()));
        row(h, "report built", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        row(h, "study folder", r.study().toAbsolutePath().toString());
        h.append("</table>\n");

        h.append("<h2 id=\"criteria-section\">Criteria</h2>\n");
        int[] common = r.common();
        long bones = java.util.Arrays.stream(common).filter(i -> i < armid.identify.ParameterRegistry.N_BONE).count();
        h.append("<p>Cr1 (eq. 22), Cr2 (eq. 23) and Cr2^m (Cr2 over the muscle and shared parameters) over the ")
                .append(common.length).append(" parameters that every finished run identifies (").append(bones)
                .append(" bone, ").append(common.length - bones).append(" muscle and shared)")
                .append(r.methods().size() > 1 ? ", i.e. M1's identifiable parameters, as the paper compares them"
                        : "")
                .append("; median and quartiles over the runs. Wall time: per run, over all its sessions.</p>\n");
        h.append(criteria.html());
        h.append("<p>Tables: <a href=\"tables/criteria.csv\">criteria.csv</a>, <a href=\"tables/criteria.md\">"
                + "criteria.md</a>, <a href=\"tables/parameters.csv\">parameters.csv</a>, <a href=\"tables/"
                + "parameters.md\">parameters.md</a>, <a href=\"tables/runs.csv\">runs.csv</a>, <a href=\"tables/"
                + "runs.md\">runs.md</a>.</p>\n");

        h.append("<h2 id=\"fig4\">Fig. 4: convergence and final criteria</h2>\n<div class=\"row\">\n");
        for (StudyFigures.Figure f : figs) {
            if (f.section().equals("fig4")) {
                figure(h, f);
            }
        }
        h.append("</div>\n<h2 id=\"fig5\">Fig. 5: percentage error of every parameter</h2>\n");
        h.append("<p>Percentage error 100 (π̂ − π_gt)/|π_gt| over the epochs; ")
                .append(legendText(r)).append(". A method without a line in a panel does not identify that "
                        + "parameter (M1: TRIlat, BRD and the deep muscles; BIClong and BICshort are not pennated, "
                        + "their φ_o stays at zero).</p>\n");
        for (StudyFigures.Figure f : figs) {
            if (f.section().equals("fig5")) {
                figure(h, f);
            }
        }
        h.append("<h2 id=\"parameters-section\">Final error per parameter</h2>\n");
        h.append("<p>Median and quartiles over the runs of each method; \"in Cr\": counted in the criteria above. "
                + "Base dynamic coefficients β_k are given with their definitions (bone parameters by OpenSim name: "
                + "m mass, mcx… centre of mass, Ixx… inertia).</p>\n");
        h.append(parameters.html());
        h.append("<h2 id=\"runs-section\">Runs</h2>\n<p>Each run's folder is <code>runs/&lt;run&gt;/</code> "
                + "(result.json, history.csv, parameters.csv, checkpoint.json). \"own\": the criteria over the run's "
                + "own parameters, as result.json reports them.</p>\n");
        h.append(runs.html());

        h.append("<h2 id=\"settings-section\">Settings</h2>\n<table id=\"settings\">\n");
        JsonNode js = s.toJson(null);
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) js::fields) {
            if (!e.getKey().equals("format") && !e.getKey().equals("created_by")) {
                row(h, e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        h.append("</table>\n<h2 id=\"datasets-section\">Datasets</h2>\n<table id=\"datasets\">\n")
                .append("<thead><tr><th>movement</th><th>folder</th><th>samples</th><th>duration (s)</th>"
                        + "<th>rate (Hz)</th><th>subject seed</th><th>model SHA-256</th><th>simulation wall time (s)"
                        + "</th></tr></thead>\n<tbody>\n");
        for (int m : s.movements()) {
            Path d = Study.dataset(r.study(), s, m);
            Path dj = d.resolve("dataset.json");
            JsonNode j = Files.isRegularFile(dj) ? MAPPER.readTree(dj.toFile()) : MAPPER.createObjectNode();
            JsonNode gt = Files.isRegularFile(d.resolve("ground_truth.json"))
                    ? MAPPER.readTree(d.resolve("ground_truth.json").toFile()) : MAPPER.createObjectNode();
            h.append("<tr><td>").append(m).append("</td><td>").append(esc(d.toString())).append("</td><td>")
                    .append(j.path("samples").asText("—")).append("</td><td>").append(j.path("duration").asText("—"))
                    .append("</td><td>").append(j.path("sample_rate").asText("—")).append("</td><td>")
                    .append(gt.path("subject_seed").asText("model's values")).append("</td><td><code>")
                    .append(esc(j.path("model").path("sha256").asText("—"))).append("</code></td><td>")
                    .append(j.has("wall_time_s") ? Table.format(j.path("wall_time_s").asDouble()) : "—")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String legendText(StudyResults r) {
        StringBuilder sb = new StringBuilder();
        for (IdentificationLoss.Method m : r.methods()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(StudyFigures.label(m)).append(" in ")
                    .append(m == IdentificationLoss.Method.M1 ? "red" : "green");
        }
        return sb.append("; line the median, band the quartiles over the runs").toString();
    }

    private static void figure(StringBuilder h, StudyFigures.Figure f) {
        h.append("<figure id=\"").append(f.base()).append("\"><a href=\"figures/").append(f.base())
                .append(".svg\"><img src=\"figures/").append(f.base()).append(".png\" alt=\"")
                .append(esc(f.caption())).append("\"></a><figcaption>").append(esc(f.caption()))
                .append(" (<a href=\"figures/").append(f.base()).append(".svg\">SVG</a>)</figcaption></figure>\n");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String esc(String s) {
        return ChartGrid.escape(s);
    }
}
