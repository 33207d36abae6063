package armid.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An OpenSim storage ({@code .sto}) or motion ({@code .mot}) file: a time column and named numeric columns.
 *
 * <p>Format, as read by OpenSim's {@code Storage} and {@code STOFileAdapter} (OpenSim/Common/Storage.cpp,
 * DelimFileAdapter.h): a header ending with a line {@code endheader}, a line of tab-separated column labels
 * starting with {@code time}, then one row per line of whitespace-separated numbers. Header lines are
 * {@code key=value} or {@code key value}; recognised keys are {@code version}, {@code nRows}/{@code nr}/
 * {@code datarows}, {@code nColumns}/{@code nc}/{@code datacolumns} (which count the time column),
 * {@code inDegrees} ({@code yes}/{@code no}), {@code DataType} (only {@code double} is supported),
 * {@code OpenSimVersion}, {@code name}, and the old {@code Angles are in degrees.} sentence. An unrecognised
 * first line is the name; other {@code key=value} lines are kept as metadata and other lines as description.
 * Both the old style (name, {@code nRows}, {@code nColumns}, optional SIMM block) and the 4.x style
 * ({@code version=1}, {@code DataType}, {@code OpenSimVersion}) are accepted. As in OpenSim, an old file
 * (no version or version 0) with the {@code .mot} extension and no {@code inDegrees} key is in degrees.
 *
 * <p>Reading is strict where OpenSim merely warns: a declared row or column count that disagrees with the data,
 * a row with the wrong number of cells, or a cell that is not a number is an error naming the file, line, data
 * row and column. Writing produces a header both OpenSim readers accept and is atomic (temporary file in the
 * same folder, then a move); values are written in the shortest form that reads back to the same double.
 *
 * <p>Instances are immutable; accessors return copies.
 */
public final class StorageFile {

    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SPACE = Pattern.compile("[ \\t]+");

    private final String name;
    private final boolean inDegrees;
    private final List<String> labels;
    private final Map<String, Integer> index;
    private final double[] time;
    private final double[][] columns;
    private final Map<String, String> metadata;
    private final List<String> description;
    private final Path source;

    private StorageFile(String name, boolean inDegrees, List<String> labels, double[] time, double[][] columns,
                        Map<String, String> metadata, List<String> description, Path source) {
        this.name = name;
        this.inDegrees = inDegrees;
        this.labels = List.copyOf(labels);
        this.time = time;
        this.columns = columns;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.description = List.copyOf(description);
        this.source = source;
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            idx.put(labels.get(i), i);
        }
        this.index = idx;
    }

    /**
     * Creates storage data from arrays (copied).
     *
     * @param labels data column labels, without {@code time}
     * @param columns {@code columns[c][row]}, one array per label, each as long as {@code time}
     */
    public static StorageFile of(String name, boolean inDegrees, List<String> labels, double[] time,
                                 double[][] columns) {
        return of(name, inDegrees, labels, time, columns, Map.of(), List.of());
    }

    /** As {@link #of(String, boolean, List, double[], double[][])} with extra header metadata and description. */
    public static StorageFile of(String name, boolean inDegrees, List<String> labels, double[] time,
                                 double[][] columns, Map<String, String> metadata, List<String> description) {
        if (name == null || name.isBlank() || name.contains("\n") || name.contains("\r") || name.contains("=")
                || name.trim().equals("endheader")) {
            throw new IllegalArgumentException("storage name must be one non-blank line without '=': " + name);
        }
        if (labels.size() != columns.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + columns.length + " columns");
        }
        Set<String> seen = new HashSet<>();
        for (String l : labels) {
            if (l == null || l.isEmpty() || SPACE.matcher(l).find() || l.contains("\n") || l.contains("\r")) {
                throw new IllegalArgumentException("column label must be non-empty without blanks: '" + l + "'");
            }
            if (l.equals("time")) {
                throw new IllegalArgumentException("'time' is the time column, not a data column label");
            }
            if (!seen.add(l)) {
                throw new IllegalArgumentException("duplicate column label '" + l + "'");
            }
        }
        double[][] cols = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != time.length) {
                throw new IllegalArgumentException("column '" + labels.get(c) + "' has " + columns[c].length
                        + " rows, time has " + time.length);
            }
            cols[c] = columns[c].clone();
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isBlank() || k.contains("=") || k.contains("\n") || reserved(k.trim())
                    || e.getValue() == null || e.getValue().contains("\n") || e.getValue().isBlank()) {
                throw new IllegalArgumentException("invalid metadata entry " + k + "=" + e.getValue());
            }
        }
        for (String d : description) {
            if (d.contains("=") || d.contains("\n") || d.contains("\r") || d.isBlank()
                    || d.trim().equals("endheader") || reserved(firstToken(d.trim()))) {
                throw new IllegalArgumentException("invalid description line '" + d + "'");
            }
        }
        return new StorageFile(name.trim(), inDegrees, labels, time.clone(), cols, metadata, description, null);
    }

    // ------------------------------------------------------------------------------------------------ reading

    public static StorageFile read(Path file) throws IOException {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = new ArrayList<>();
            String s;
            while ((s = r.readLine()) != null) {
                lines.add(s);
            }
        } catch (NoSuchFileException e) {
            throw new StorageFileException(file, "file not found", e);
        } catch (MalformedInputException e) {
            throw new StorageFileException(file, "not a UTF-8/ASCII text file", e);
        }
        return parse(file, lines);
    }

    private static StorageFile parse(Path file, List<String> lines) throws StorageFileException {
        String name = null;
        Boolean inDeg = null;
        int version = 0;
        int nRows = -1;
        int nColumns = -1;
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> desc = new ArrayList<>();
        int ln = 0;
        boolean first = true;
        boolean ended = false;
        while (ln < lines.size()) {
            String raw = lines.get(ln++);
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("endheader")) {
                ended = true;
                break;
            }
            int delim = indexOfAny(line, " \t=");
            String key = delim < 0 ? line : line.substring(0, delim);
            String rest = delim < 0 ? "" : stripLeading(line.substring(delim), " \t=").strip();
            boolean keyValue = line.indexOf('=') >= 0;
            switch (key) {
                case "name" -> name = rest;
                case "nr", "nRows", "datarows" -> nRows = parseCount(file, ln, key, rest);
                case "nc", "nColumns", "datacolumns" -> nColumns = parseCount(file, ln, key, rest);
                case "version" -> version = parseCount(file, ln, key, rest);
                case "inDegrees" -> {
                    String v = rest.toLowerCase(Locale.ROOT);
                    if (v.equals("yes") || v.equals("y")) {
                        inDeg = true;
                    } else if (v.equals("no") || v.equals("n")) {
                        inDeg = false;
                    } else {
                        throw new StorageFileException(file, ln, -1, null,
                                "inDegrees must be yes or no, got '" + rest + "'");
                    }
                }
                case "DataType" -> {
                    if (!rest.equals("double")) {
                        throw new StorageFileException(file, ln, -1, null,
                                "DataType=" + rest + " is not supported (only double)");
                    }
                }
                case "OpenSimVersion" -> meta.put(key, rest);
                default -> {
                    if (line.equals("Angles are in degrees.") && version == 0) {
                        inDeg = true;
                    } else if (line.equals("Angles are in radians.") && version == 0) {
                        inDeg = false;
                    } else if (first && !keyValue) {
                        name = line;
                    } else if (keyValue && !line.startsWith("#")) {
                        int eq = line.indexOf('=');
                        String k = line.substring(0, eq).strip();
                        String v = line.substring(eq + 1).strip();
                        if (!k.isEmpty() && !v.isEmpty()) {
                            meta.put(k, v);
                        }
                        // A key or value left empty carries nothing: dropped.
                    } else {
                        desc.add(line);
                    }
                }
            }
            first = false;
        }
        if (!ended) {
            throw new StorageFileException(file, -1, -1, null, "no 'endheader' line");
        }
        // Column labels: first non-blank line after the header.
        String labelLine = null;
        int labelLn = 0;
        while (ln < lines.size()) {
            String s = lines.get(ln++);
            if (!s.isBlank()) {
                labelLine = s;
                labelLn = ln;
                break;
            }
        }
        if (labelLine == null) {
            throw new StorageFileException(file, -1, -1, null, "no column labels after 'endheader'");
        }
        String[] tokens = labelLine.indexOf('\t') >= 0 ? labelLine.split("\t") : SPACE.split(labelLine.strip());
        List<String> all = new ArrayList<>();
        for (String t : tokens) {
            String s = t.strip();
            if (!s.isEmpty()) {
                all.add(s);
            }
        }
        if (all.isEmpty() || !all.get(0).equals("time")) {
            throw new StorageFileException(file, labelLn, -1, null,
                    "first column label must be 'time', got '" + (all.isEmpty() ? "" : all.get(0)) + "'");
        }
        List<String> labels = all.subList(1, all.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            Integer prev = seen.put(labels.get(i), i);
            if (prev != null) {
                throw new StorageFileException(file, labelLn, -1, labels.get(i),
                        "duplicate column label (columns " + (prev + 2) + " and " + (i + 2) + ")");
            }
        }
        if (nColumns >= 0 && nColumns != all.size()) {
            throw new StorageFileException(file, labelLn, -1, null, "header declares " + nColumns
                    + " columns (time included) but the label line has " + all.size());
        }
        int nc = labels.size();
        int capacity = Math.max(16, nRows);
        double[] t = new double[capacity];
        double[][] cols = new double[nc][capacity];
        int row = 0;
        while (ln < lines.size()) {
            String s = lines.get(ln++);
            if (s.isBlank()) {
                continue;
            }
            String[] cells = SPACE.split(s.strip());
            row++;
            if (cells.length != nc + 1) {
                String col = cells.length < nc + 1 ? all.get(cells.length) : "#" + (cells.length);
                throw new StorageFileException(file, ln, row, cells.length < nc + 1 ? col : null,
                        "row has " + cells.length + " cells, expected " + (nc + 1)
                                + (cells.length < nc + 1 ? " (missing from here on)" : ""));
            }
            if (row > t.length) {
                int cap = t.length * 2;
                t = Arrays.copyOf(t, cap);
                for (int c = 0; c < nc; c++) {
                    cols[c] = Arrays.copyOf(cols[c], cap);
                }
            }
            t[row - 1] = parseCell(file, ln, row, "time", cells[0]);
            for (int c = 0; c < nc; c++) {
                cols[c][row - 1] = parseCell(file, ln, row, labels.get(c), cells[c + 1]);
            }
        }
        if (nRows >= 0 && nRows != row) {
            throw new StorageFileException(file, -1, -1, null,
                    "header declares " + nRows + " rows but the file has " + row);
        }
        t = Arrays.copyOf(t, row);
        for (int c = 0; c < nc; c++) {
            cols[c] = Arrays.copyOf(cols[c], row);
        }
        boolean degrees;
        if (inDeg != null) {
            degrees = inDeg;
        } else {
            String fn = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            degrees = version < 1 && fn.endsWith(".mot");
        }
        if (name == null || name.isBlank()) {
            name = file.getFileName() == null ? "storage" : file.getFileName().toString();
        }
        return new StorageFile(name, degrees, labels, t, cols, meta, desc, file);
    }

    private static double parseCell(Path file, int line, int row, String column, String cell)
            throws StorageFileException {
        if (NUMBER.matcher(cell).matches()) {
            return Double.parseDouble(cell);
        }
        switch (cell.toLowerCase(Locale.ROOT)) {
            case "nan", "-nan", "+nan", "nan(ind)", "-nan(ind)" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> throw new StorageFileException(file, line, row, column, "not a number: '" + cell + "'");
        }
    }

    private static int parseCount(Path file, int line, String key, String value) throws StorageFileException {
        try {
            int v = Integer.parseInt(value.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new StorageFileException(file, line, -1, null,
                    key + " must be a non-negative integer, got '" + value + "'");
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String stripLeading(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    private static String firstToken(String s) {
        int d = indexOfAny(s, " \t=");
        return d < 0 ? s : s.substring(0, d);
    }

    private static boolean reserved(String key) {
        return switch (key) {
            case "name", "nr", "nRows", "datarows", "nc", "nColumns", "datacolumns", "version", "inDegrees",
                 "DataType", "endheader", "Angles" -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Writes this storage to {@code file} atomically: the content goes to a temporary file in the same folder,
     * which then replaces {@code file}. On failure {@code file} is untouched and the temporary file removed.
     */
    public void write(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                writeTo(w);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private void writeTo(BufferedWriter w) throws IOException {
        w.write(name);
        w.write('\n');
        w.write("version=1\n");
        w.write("nRows=" + time.length + "\n");
        w.write("nColumns=" + (labels.size() + 1) + "\n");
        w.write("inDegrees=" + (inDegrees ? "yes" : "no") + "\n");
        w.write("DataType=double\n");
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            w.write(e.getKey() + "=" + e.getValue() + "\n");
        }
        for (String d : description) {
            w.write(d);
            w.write('\n');
        }
        w.write("endheader\n");
        w.write("time");
        for (String l : labels) {
            w.write('\t');
            w.write(l);
        }
        w.write('\n');
        StringBuilder sb = new StringBuilder(32 * (labels.size() + 1));
        for (int r = 0; r < time.length; r++) {
            sb.setLength(0);
            sb.append(format(time[r]));
            for (double[] col : columns) {
                sb.append('\t').append(format(col[r]));
            }
            sb.append('\n');
            w.append(sb);
        }
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    // ------------------------------------------------------------------------------------------------ access

    public String name() {
        return name;
    }

    /** True if rotational columns are in degrees. */
    public boolean inDegrees() {
        return inDegrees;
    }

    /** Data column labels, without {@code time}. */
    public List<String> labels() {
        return labels;
    }

    public int rowCount() {
        return time.length;
    }

    public int columnCount() {
        return labels.size();
    }

    /** The file this was read from, or null. */
    public Path source() {
        return source;
    }

    /** Header {@code key=value} entries other than the recognised keys. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Free header lines other than the name. */
    public List<String> description() {
        return description;
    }

    public double[] time() {
        return time.clone();
    }

    public boolean hasColumn(String label) {
        return index.containsKey(label);
    }

    /** Index of {@code label} among the data columns; error naming the file and the column if absent. */
    public int columnIndex(String label) throws StorageFileException {
        Integer i = index.get(label);
        if (i == null) {
            throw new StorageFileException(source, -1, -1, label, "no such column (columns: "
                    + String.join(", ", labels) + ")");
        }
        return i;
    }

    /** A copy of column {@code label}. */
    public double[] column(String label) throws StorageFileException {
        return columns[columnIndex(label)].clone();
    }

    /** A copy of data column {@code c} (0-based, time excluded). */
    public double[] column(int c) {
        return columns[c].clone();
    }

    /** Copies of all data columns, {@code [column][row]}. */
    public double[][] columns() {
        double[][] r = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            r[c] = columns[c].clone();
        }
        return r;
    }

    /** The same data with another {@code inDegrees} flag and name. */
    public StorageFile withHeader(String newName, boolean degrees) {
        return of(newName, degrees, labels, time, columns, metadata, description);
    }
}
