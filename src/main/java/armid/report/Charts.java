package armid.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.VectorHints;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts saved as PNG and SVG (XChart), each written to a temporary file and moved into place. */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    public static XYChart lineChart(String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(0);
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setXAxisDecimalPattern("#0.###");
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return c;
    }

    public static void addLine(XYChart chart, String name, double[] x, double[] y) {
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /** Writes {@code base.png} and {@code base.svg} in {@code dir}. */
    public static void save(Chart<?, ?> chart, Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(base + ".png"), BitmapEncoder.getBitmapBytes(chart,
                BitmapEncoder.BitmapFormat.PNG));
        writeAtomically(dir.resolve(base + ".svg"), svg(chart));
    }

    /** The chart as an SVG document, its text as SVG text (not glyph outlines: smaller and searchable). */
    static byte[] svg(Chart<?, ?> chart) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        g.setRenderingHint(VectorHints.KEY_TEXT, VectorHints.VALUE_TEXT_DEFAULT);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, chart.getWidth(), chart.getHeight()))
                .writeTo(out);
        return compact(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final java.util.regex.Pattern INVISIBLE_LINE =
            java.util.regex.Pattern.compile("<line style=\"[^\"]*stroke-opacity:0;[^>]*/>\\s*");
    private static final java.util.regex.Pattern LONG_DECIMAL =
            java.util.regex.Pattern.compile("(\\d\\.\\d{2})\\d+");

    /** Drops fully transparent strokes (outlines of filled areas) and rounds coordinates to 0.01 px. */
    static String compact(String svg) {
        return LONG_DECIMAL.matcher(INVISIBLE_LINE.matcher(svg).replaceAll("")).replaceAll("$1");
    }

    /** Writes a hidden temporary file beside {@code target} and moves it over {@code target}. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
