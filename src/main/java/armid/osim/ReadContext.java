package armid.osim;

import java.util.ArrayList;
import java.util.List;

/**
 * What the element readers share while reading one file: its name for messages, the file's version, and the warnings
 * about elements that are read but not used.
 */
final class ReadContext {
    final String file;
    final int version;
    final List<String> warnings = new ArrayList<>();

    ReadContext(String file, int version) {
        this.file = file;
        this.version = version;
    }

    boolean legacy() {
        return version < 40000;
    }

    OsimException error(XmlElement e, String message) {
        return new OsimException(e.where(file) + ": " + e.name()
                + (e.objectName().isEmpty() ? "" : " '" + e.objectName() + "'") + ": " + message);
    }

    void warn(XmlElement e, String message) {
        warnings.add(e.where(file) + ": " + e.name() + (e.objectName().isEmpty() ? "" : " '" + e.objectName() + "'")
                + ": " + message);
    }

    double scalar(XmlElement parent, String tag, double fallback) throws OsimException {
        XmlElement c = parent.child(tag);
        if (c == null || c.text().isEmpty()) {
            return fallback;
        }
        return parseDouble(c, c.text());
    }

    double requiredScalar(XmlElement parent, String tag) throws OsimException {
        XmlElement c = parent.child(tag);
        if (c == null || c.text().isEmpty()) {
            throw error(parent, "missing <" + tag + ">");
        }
        return parseDouble(c, c.text());
    }

    double[] vector(XmlElement parent, String tag, int size, double[] fallback) throws OsimException {
        XmlElement c = parent.child(tag);
        if (c == null || c.text().isEmpty()) {
            if (fallback == null) {
                throw error(parent, "missing <" + tag + ">");
            }
            return fallback.clone();
        }
        double[] v = numbers(c);
        if (size >= 0 && v.length != size) {
            throw error(c, "expected " + size + " numbers, found " + v.length + " ('" + c.text() + "')");
        }
        return v;
    }

    double[] numbers(XmlElement e) throws OsimException {
        String t = e.text();
        if (t.isEmpty()) {
            return new double[0];
        }
        String[] parts = t.split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = parseDouble(e, parts[i]);
        }
        return v;
    }

    boolean bool(XmlElement parent, String tag, boolean fallback) throws OsimException {
        String t = parent.childText(tag);
        if (t == null || t.isEmpty()) {
            return fallback;
        }
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw error(parent.child(tag), "expected true or false, found '" + t + "'");
    }

    private double parseDouble(XmlElement e, String s) throws OsimException {
        String t = s.trim();
        try {
            if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
                return Double.POSITIVE_INFINITY;
            }
            if (t.equalsIgnoreCase("-inf") || t.equalsIgnoreCase("-infinity")) {
                return Double.NEGATIVE_INFINITY;
            }
            if (t.equalsIgnoreCase("nan")) {
                return Double.NaN;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException ex) {
            throw error(e, "not a number: '" + t + "'");
        }
    }
}
