package armid.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parsing of NAME=VALUE lists given on the command line. */
final class Values {
    private Values() {
    }

    /** A number, in radians unless it ends with "deg". */
    static double parse(String text, String what) {
        String t = text.trim();
        double factor = 1;
        if (t.endsWith("deg")) {
            t = t.substring(0, t.length() - 3).trim();
            factor = Math.PI / 180;
        }
        try {
            double v = Double.parseDouble(t) * factor;
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": not a finite number: '" + text + "'");
        }
    }

    static Map<String, Double> parseAll(Map<String, String> raw, String option) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (raw != null) {
            for (var e : raw.entrySet()) {
                out.put(e.getKey().trim(), parse(e.getValue(), option + " " + e.getKey()));
            }
        }
        return out;
    }
}
