package armid.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of text and numbers written three ways: CSV with every number in full (shortest round-trip) precision and
 * NaN as an empty cell, Markdown and HTML with numbers to four significant digits (the HTML cell carries the full
 * value in {@code data-value}).
 */
final class Table {
    private final String id;
    private final List<String> columns;
    private final List<String> labels;
    private final List<Object[]> rows = new ArrayList<>();

    /** {@code columns}: CSV names; {@code labels}: the Markdown/HTML headers. */
    Table(String id, List<String> columns, List<String> labels) {
        if (columns.size() != labels.size()) {
            throw new IllegalArgumentException("columns and labels differ in number");
        }
        this.id = id;
        this.columns = List.copyOf(columns);
        this.labels = List.copyOf(labels);
    }

    String id() {
        return id;
    }

    /** Cells: String or Number (Double.NaN: no value). */
    void add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(id + ": " + cells.length + " cells, " + columns.size() + " columns");
        }
        rows.add(cells.clone());
    }

    int size() {
        return rows.size();
    }

    /** A number to four significant digits (— for NaN). */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            return s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private static String csvCell(Object c) {
        if (c instanceof Number n) {
            double v = n.doubleValue();
            if (Double.isNaN(v)) {
                return "";
            }
            return n instanceof Integer || n instanceof Long ? n.toString() : Double.toString(v);
        }
        String s = String.valueOf(c);
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String text(Object c) {
        if (c instanceof Number n) {
            return n instanceof Integer || n instanceof Long ? n.toString() : format(n.doubleValue());
        }
        return String.valueOf(c);
    }

    String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Object[] r : rows) {
            for (int k = 0; k < r.length; k++) {
                sb.append(k == 0 ? "" : ",").append(csvCell(r[k]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", labels.stream()
                .map(l -> l.replace("|", "\\|")).toList())).append(" |\n|");
        for (Object ignored : labels) {
            sb.append("---|");
        }
        sb.append('\n');
        for (Object[] r : rows) {
            sb.append('|');
            for (Object c : r) {
                sb.append(' ').append(text(c).replace("|", "\\|")).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    String html() {
        StringBuilder sb = new StringBuilder("<table id=\"").append(id).append("\">\n<thead><tr>");
        for (String l : labels) {
            sb.append("<th>").append(ChartGrid.escape(l)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (Object[] r : rows) {
            sb.append("<tr>");
            for (int k = 0; k < r.length; k++) {
                Object c = r[k];
                if (c instanceof Number n) {
                    double v = n.doubleValue();
                    sb.append("<td class=\"num\" data-column=\"").append(columns.get(k)).append('"');
                    if (!Double.isNaN(v)) {
                        sb.append(" data-value=\"").append(csvCell(c)).append('"');
                    }
                    sb.append('>').append(ChartGrid.escape(text(c))).append("</td>");
                } else {
                    sb.append("<td data-column=\"").append(columns.get(k)).append("\">")
                            .append(ChartGrid.escape(text(c))).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /** Writes {@code id.csv} and {@code id.md} into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(id + ".csv"), csv());
        writeAtomically(dir.resolve(id + ".md"), markdown());
    }

    static void writeAtomically(Path target, String text) throws IOException {
        Charts.writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
