package armid.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Panels of equal size tiled in a grid under a title and a common legend, saved as one PNG and one SVG (the SVG nests
 * each panel's own SVG, its element ids prefixed so that clip paths stay apart).
 */
final class ChartGrid {
    /** A legend entry: a line of this colour. */
    record Entry(String label, Color color) {
    }

    private static final int HEADER = 58;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartGrid() {
    }

    static void save(List<? extends Chart<?, ?>> panels, int columns, String title, List<Entry> legend, String note,
                     Path dir, String base) throws IOException {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panels for " + base);
        }
        Files.createDirectories(dir);
        int pw = panels.get(0).getWidth();
        int ph = panels.get(0).getHeight();
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        int w = cols * pw;
        int h = HEADER + rows * ph;

        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 12, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = 12;
        for (Entry e : legend) {
            g.setColor(e.color());
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x, 43, x + 26, 43);
            g.setColor(Color.BLACK);
            g.drawString(e.label(), x + 32, 48);
            x += 40 + g.getFontMetrics().stringWidth(e.label()) + 18;
        }
        if (note != null) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(note, x + 10, 48);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"12\" y=\"22\" font-family=\"sans-serif\" font-weight=\"bold\" font-size=\"16\">")
                .append(escape(title)).append("</text>\n");
        x = 12;
        for (Entry e : legend) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"43\" x2=\"%d\" y2=\"43\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/>\n", x, x + 26, hex(e.color())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"48\" font-family=\"sans-serif\" "
                    + "font-size=\"13\">%s</text>\n", x + 32, escape(e.label())));
            x += 40 + g.getFontMetrics().stringWidth(e.label()) + 18;
        }
        if (note != null) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"48\" font-family=\"sans-serif\" "
                    + "font-size=\"13\" fill=\"#404040\">%s</text>\n", x + 10, escape(note)));
        }
        for (int k = 0; k < panels.size(); k++) {
            int px = (k % cols) * pw;
            int py = HEADER + (k / cols) * ph;
            g.drawImage(BitmapEncoder.getBufferedImage(panels.get(k)), px, py, null);
            svg.append(nested(panels.get(k), "p" + k + "-", px, py)).append('\n');
        }
        g.dispose();
        svg.append("</svg>\n");

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Charts.writeAtomically(dir.resolve(base + ".png"), png.toByteArray());
        Charts.writeAtomically(dir.resolve(base + ".svg"), svg.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A panel's SVG as a nested {@code <svg>} at (x, y), its ids prefixed. */
    private static String nested(Chart<?, ?> chart, String prefix, int x, int y) throws IOException {
        String s = new String(Charts.svg(chart), StandardCharsets.UTF_8);
        int start = s.indexOf("<svg");
        if (start < 0) {
            throw new IOException("no <svg> element in a chart's vector graphics");
        }
        s = s.substring(start).replace("id=\"", "id=\"" + prefix).replace("url(#", "url(#" + prefix)
                .replace("href=\"#", "href=\"#" + prefix);
        int end = s.indexOf('>');
        String root = s.substring(4, end).replaceAll("\\s[xy]=\"[^\"]*\"", "");
        return "<svg x=\"" + x + "\" y=\"" + y + "\"" + root + s.substring(end);
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
