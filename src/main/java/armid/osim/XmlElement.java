package armid.osim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An element of an XML document with the line and column where it starts, so that messages can point at it. */
public final class XmlElement {
    private final String name;
    private final Map<String, String> attributes;
    private final int line;
    private final int column;
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    XmlElement(String name, Map<String, String> attributes, int line, int column) {
        this.name = name;
        this.attributes = new LinkedHashMap<>(attributes);
        this.line = line;
        this.column = column;
    }

    void addChild(XmlElement child) {
        children.add(child);
    }

    void appendText(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    public String name() {
        return name;
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    /** The {@code name} attribute, or "" when absent. */
    public String objectName() {
        String n = attributes.get("name");
        return n == null ? "" : n;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    public String text() {
        return text.toString().trim();
    }

    /** The first child element with this tag, or null. */
    public XmlElement child(String tag) {
        for (XmlElement c : children) {
            if (c.name.equals(tag)) {
                return c;
            }
        }
        return null;
    }

    public List<XmlElement> children(String tag) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(tag)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The trimmed text of the first child with this tag, or null. */
    public String childText(String tag) {
        XmlElement c = child(tag);
        return c == null ? null : c.text();
    }

    /** Where this element is, as {@code file:line:column}. */
    public String where(String file) {
        return file + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return "<" + name + (objectName().isEmpty() ? "" : " name=\"" + objectName() + "\"") + "> at line " + line;
    }
}
