package armid.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A table of poses: a header of coordinate names and {@code NAME/speed} columns, one pose per row, values in radians
 * (metres) and radians per second. Bad cells are reported with file, row and column.
 */
public final class PoseCsv {
    /** One row: given positions and given speeds by coordinate name. */
    public record Pose(int row, Map<String, Double> positions, Map<String, Double> speeds) {
    }

    private PoseCsv() {
    }

    public static List<Pose> read(Path file) throws IOException {
        List<Pose> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .setIgnoreSurroundingSpaces(true).setCommentMarker('#').get().parse(r)) {
            List<String> header = p.getHeaderNames();
            if (header.isEmpty()) {
                throw new IllegalArgumentException(file + ": no header row");
            }
            for (CSVRecord rec : p) {
                int row = (int) rec.getRecordNumber() + 1; // the header is line 1
                if (rec.size() != header.size()) {
                    throw new IllegalArgumentException(file + ": row " + row + " has " + rec.size()
                            + " cells, the header has " + header.size());
                }
                Map<String, Double> q = new LinkedHashMap<>();
                Map<String, Double> qd = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    String name = header.get(c);
                    String cell = rec.get(c);
                    if (cell.isEmpty()) {
                        continue;
                    }
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + ": row " + row + ", column " + (c + 1) + " ('" + name
                                + "'): not a number: '" + cell + "'");
                    }
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(file + ": row " + row + ", column " + (c + 1) + " ('"
                                + name + "'): value must be finite, got " + cell);
                    }
                    if (name.endsWith("/speed")) {
                        qd.put(name.substring(0, name.length() - "/speed".length()), v);
                    } else {
                        q.put(name, v);
                    }
                }
                out.add(new Pose(row, q, qd));
            }
        }
        return out;
    }
}
