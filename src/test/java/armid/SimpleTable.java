package armid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal reader of OpenSim's tab-separated results (header lines up to {@code endheader}, a row of labels, then
 * numbers) for tests, independent of the product's own file readers.
 */
public record SimpleTable(List<String> labels, double[][] rows, boolean inDegrees) {
    public static SimpleTable read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int i = 0;
        boolean deg = false;
        while (!lines.get(i).trim().equals("endheader")) {
            if (lines.get(i).trim().replace(" ", "").equalsIgnoreCase("inDegrees=yes")) {
                deg = true;
            }
            i++;
        }
        i++;
        while (lines.get(i).trim().isEmpty()) {
            i++;
        }
        List<String> labels = Arrays.asList(lines.get(i).trim().split("\t"));
        List<double[]> rows = new ArrayList<>();
        for (i++; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] parts = t.split("\\s+");
            double[] r = new double[parts.length];
            for (int k = 0; k < parts.length; k++) {
                r[k] = Double.parseDouble(parts[k]);
            }
            rows.add(r);
        }
        return new SimpleTable(labels.stream().map(String::trim).toList(), rows.toArray(new double[0][]), deg);
    }

    public int column(String label) {
        return labels.indexOf(label);
    }
}
