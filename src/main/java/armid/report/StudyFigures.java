package armid.report;

import armid.identify.IdentificationLoss;
import armid.identify.ParameterRegistry;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study's figures (PNG and SVG in {@code figures/}): the paper's Fig. 4 (Cr1 over epochs, median and quartile
 * band per method; boxplots of the final Cr2 and Cr2^m) and Fig. 5 (percentage error of every parameter over epochs,
 * M1 red and M2 green as in the paper, median line and quartile band over the runs).
 */
public final class StudyFigures {
    /** A figure written: file base name (without .png/.svg), caption, section. */
    public record Figure(String base, String caption, String section) {
    }

    static final Color M1 = new Color(214, 39, 40);
    static final Color M2 = new Color(44, 160, 44);
    /** Points per line: about two pixels apart in a panel, one and a half in the large chart. */
    private static int maxPoints(XYChart c) {
        return c.getWidth() < 500 ? 150 : 500;
    }
    private static final int PANEL_W = 380;
    private static final int PANEL_H = 270;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private StudyFigures() {
    }

    static Color color(IdentificationLoss.Method m) {
        return m == IdentificationLoss.Method.M1 ? M1 : M2;
    }

    static String label(IdentificationLoss.Method m) {
        return m == IdentificationLoss.Method.M1 ? "M1 (without deep-muscle EMG)" : "M2 (with all EMG)";
    }

    /** Writes every figure into {@code dir} and returns them in the report's order. */
    public static List<Figure> write(StudyResults r, Path dir) throws IOException {
        List<Figure> out = new ArrayList<>();
        if (r.runs().isEmpty()) {
            return out;
        }
        int phase = r.settings().tendonEpochs() > 0 && r.settings().epochs() > 0 ? r.settings().epochs() : -1;
        List<Save> saves = new ArrayList<>();
        String runsNote = runsNote(r);

        // Fig. 4, left: Cr1 over epochs.
        XYChart cr1 = xyChart("Cr1 over epochs: median and quartiles per method", "epoch", "Cr1 (%)", 900, 520, 14);
        bands(cr1, r, StudyResults::cr1TrajectoryOf, phase, false, true);
        saves.add(() -> Charts.save(cr1, dir, "fig4-cr1"));
        out.add(new Figure("fig4-cr1", "Fig. 4 (left): Cr1 = ‖π̂ − π_gt‖/‖π_gt‖ (eq. 22) over the epochs, "
                + "solid line the median and band the quartiles over " + runsNote + "; dashed: the tendon phase "
                + "(eq. 16) starts.", "fig4"));

        // Fig. 4, right: boxplots of the final Cr2 and Cr2^m, in the methods' colours.
        List<XYChart> boxes = new ArrayList<>();
        String[] crit = {"Cr2", "Cr2^m"};
        for (int c = 1; c <= 2; c++) {
            final int cc = c;
            XYChart b = xyChart("Final " + crit[c - 1], "", crit[c - 1] + " (%)", 420, 460, 13);
            b.getStyler().setLegendVisible(false);
            b.getStyler().setMarkerSize(7);
            List<IdentificationLoss.Method> methods = r.methods();
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < methods.size(); k++) {
                IdentificationLoss.Method m = methods.get(k);
                double[] v = r.runs(m).stream().mapToDouble(x -> r.finalCriteria(x)[cc]).toArray();
                boxplot(b, m.name(), k + 1, v, color(m));
                for (double x : v) {
                    if (Double.isFinite(x)) {
                        lo = Math.min(lo, x);
                        hi = Math.max(hi, x);
                    }
                }
            }
            b.getStyler().setXAxisMin(0.4);
            b.getStyler().setXAxisMax(methods.size() + 0.6);
            // Each box is named inside the plot, under it (XChart's own box chart ignores series colours).
            if (lo <= hi) {
                double pad = Math.max(hi - lo, 0.1 * Math.max(Math.abs(hi), 1e-3));
                b.getStyler().setYAxisMin(lo - 0.15 * pad);
                b.getStyler().setYAxisMax(hi + 0.05 * pad);
                for (int k = 0; k < methods.size(); k++) {
                    b.addAnnotation(new org.knowm.xchart.AnnotationText(methods.get(k).name(), k + 1,
                            lo - 0.09 * pad, false));
                }
            }
            b.getStyler().setXAxisTicksVisible(false);
            boxes.add(b);
        }
        saves.add(() -> ChartGrid.save(boxes, 2, "Final Cr2 and Cr2^m (eq. 23) per method", List.of(), runsNote,
                dir, "fig4-final"));
        out.add(new Figure("fig4-final", "Fig. 4 (right): final Cr2 (mean percentage error, eq. 23) and Cr2^m "
                + "(muscle and shared parameters) per method over " + runsNote + ".", "fig4"));

        // Fig. 5: muscles, one figure per property, one panel per muscle.
        String[] titles = {"Maximum isometric force F_o", "Optimal fibre length l_o",
            "Maximum contraction velocity v_max", "Pennation angle at optimal fibre length φ_o",
            "Tendon slack length l_s"};
        int[] moved = r.moved();
        for (int k = 0; k < ParameterRegistry.N_MUSCLE_PARAMS; k++) {
            List<XYChart> panels = new ArrayList<>();
            for (int m = 0; m < ParameterRegistry.MUSCLES.size(); m++) {
                int i = ParameterRegistry.muscleIndex(m, k);
                if (contains(moved, i)) {
                    XYChart p = panel(ParameterRegistry.MUSCLES.get(m));
                    final int ii = i;
                    bands(p, r, (res, run) -> res.errorTrajectory(run, ii), phase, true, false);
                    panels.add(p);
                }
            }
            if (panels.isEmpty()) {
                continue;
            }
            String prop = ParameterRegistry.MUSCLE_PROPERTIES.get(k);
            String base = "fig5-muscles-" + prop;
            String title = titles[k] + ": percentage error per muscle";
            saves.add(() -> ChartGrid.save(panels, 4, title, legend(r), runsNote, dir, base));
            out.add(new Figure(base, "Fig. 5: " + titles[k] + " (" + prop + "), percentage error "
                    + "100 (π̂ − π_gt)/|π_gt| over the epochs per muscle; line the median, band the quartiles.",
                    "fig5"));
        }

        // Fig. 5: shared activation and EMG parameters.
        String[] shared = {"activation time constant t_act", "deactivation time constant t_deact", "EMG filter c1",
            "EMG filter c2", "electromechanical delay t_d"};
        List<XYChart> sp = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            int i = ParameterRegistry.SHARED_OFFSET + j;
            if (contains(moved, i)) {
                XYChart p = panel(shared[j]);
                bands(p, r, (res, run) -> res.errorTrajectory(run, i), phase, true, false);
                sp.add(p);
            }
        }
        if (!sp.isEmpty()) {
            saves.add(() -> ChartGrid.save(sp, 3, "Shared activation and EMG parameters: percentage error",
                    legend(r), runsNote, dir, "fig5-shared"));
            out.add(new Figure("fig5-shared", "Fig. 5: shared parameters (eq. 17–21), percentage error over the "
                    + "epochs.", "fig5"));
        }

        // Fig. 5: base dynamic coefficients of the bones.
        List<XYChart> bp = new ArrayList<>();
        for (int k = 0; k < r.baseNames().size(); k++) {
            XYChart p = panel("β" + (k + 1));
            final int kk = k;
            bands(p, r, (res, run) -> res.baseErrorTrajectory(run, kk), phase, true, false);
            bp.add(p);
        }
        if (!bp.isEmpty()) {
            saves.add(() -> ChartGrid.save(bp, 4, "Base dynamic coefficients of the bones: percentage error",
                    legend(r), runsNote, dir, "fig5-base"));
            out.add(new Figure("fig5-base", "Fig. 5: the " + bp.size() + " base dynamic coefficients β_k (linear "
                    + "combinations of the 30 bone parameters that the dynamics determine; their definitions are "
                    + "in the parameter table), percentage error over the epochs.", "fig5"));
        }
        saveAll(saves);
        return out;
    }

    /** Rendering a figure (PNG and SVG). */
    @FunctionalInterface
    private interface Save {
        void run() throws IOException;
    }

    /** Renders the figures on every processor (each chart is painted by one thread only). */
    private static void saveAll(List<Save> saves) throws IOException {
        int threads = Math.max(1, Math.min(saves.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, t -> {
            Thread th = new Thread(t, "armid-figures");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<Void>> fs = new ArrayList<>();
            for (Save sv : saves) {
                fs.add(pool.submit(() -> {
                    sv.run();
                    return null;
                }));
            }
            for (Future<Void> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering the figures", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String runsNote(StudyResults r) {
        StringBuilder sb = new StringBuilder();
        for (IdentificationLoss.Method m : r.methods()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.runs(m).size()).append(" runs of ").append(m);
        }
        return sb.toString();
    }

    private static List<ChartGrid.Entry> legend(StudyResults r) {
        return r.methods().stream().map(m -> new ChartGrid.Entry(label(m), color(m))).toList();
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static XYChart panel(String title) {
        XYChart c = xyChart(title, "epoch", "error (%)", PANEL_W, PANEL_H, 13);
        c.getStyler().setLegendVisible(false);
        return c;
    }

    private static XYChart xyChart(String title, String x, String y, int w, int h, int titleSize) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(c.getStyler(), titleSize);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisDecimalPattern("#0");
        c.getStyler().setXAxisTickMarkSpacingHint(w < 500 ? 60 : 90);
        return c;
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler s, int titleSize) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, titleSize));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartTitleBoxVisible(false);
        s.setChartPadding(6);
    }

    /** A trajectory of one run, at the grid epochs. */
    @FunctionalInterface
    private interface Trajectory {
        double[] of(StudyResults r, StudyResults.RunResult run);
    }

    /** Median line and quartile band per method, a zero line and the tendon phase's start. */
    private static void bands(XYChart c, StudyResults r, Trajectory t, int phaseEpoch, boolean zeroLine,
                              boolean legend) {
        int[] grid = r.grid();
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax((double) grid[grid.length - 1]);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        Map<IdentificationLoss.Method, double[][]> q = new LinkedHashMap<>();
        for (IdentificationLoss.Method m : r.methods()) {
            List<StudyResults.RunResult> runs = r.runs(m);
            double[][] v = new double[runs.size()][];
            for (int k = 0; k < runs.size(); k++) {
                v[k] = t.of(r, runs.get(k));
            }
            double[][] qs = new double[3][grid.length];
            boolean any = false;
            for (int e = 0; e < grid.length; e++) {
                double[] col = new double[runs.size()];
                for (int k = 0; k < runs.size(); k++) {
                    col[k] = v[k][e];
                }
                Quartiles qq = Quartiles.of(col);
                qs[0][e] = qq.q1();
                qs[1][e] = qq.median();
                qs[2][e] = qq.q3();
                if (qq.n() > 0 && Double.isFinite(qq.q1()) && Double.isFinite(qq.q3())) {
                    any = true;
                    lo = Math.min(lo, qq.q1());
                    hi = Math.max(hi, qq.q3());
                }
            }
            if (any) {
                q.put(m, qs);
            }
        }
        if (q.isEmpty()) {
            addLine(c, "no data", new double[] {0, grid[grid.length - 1]}, new double[] {0, 0}, Color.LIGHT_GRAY,
                    1f, false, false);
            return;
        }
        for (var en : q.entrySet()) {
            int[] idx = sample(grid, en.getValue()[1], maxPoints(c));
            double[] x = new double[idx.length];
            double[] a = new double[idx.length];
            double[] med = new double[idx.length];
            double[] b = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                x[k] = grid[idx[k]];
                a[k] = en.getValue()[0][idx[k]];
                med[k] = en.getValue()[1][idx[k]];
                b[k] = en.getValue()[2][idx[k]];
            }
            Color col = color(en.getKey());
            if (idx.length > 1) {
                double[] px = new double[2 * idx.length];
                double[] py = new double[2 * idx.length];
                for (int k = 0; k < idx.length; k++) {
                    px[k] = x[k];
                    py[k] = b[k];
                    px[2 * idx.length - 1 - k] = x[k];
                    py[2 * idx.length - 1 - k] = a[k];
                }
                XYSeries band = c.addSeries(en.getKey() + " quartiles", px, py);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 60));
                band.setLineColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            addLine(c, legend ? label(en.getKey()) + ", median" : en.getKey().name(), x, med, col, 2f, true,
                    legend);
        }
        double last = grid[grid.length - 1];
        if (zeroLine) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
            addLine(c, "zero", new double[] {0, last}, new double[] {0, 0}, Color.GRAY, 1f, false, false);
        }
        if (phaseEpoch > 0 && hi > lo) {
            XYSeries s = addLine(c, "tendon phase", new double[] {phaseEpoch, phaseEpoch}, new double[] {lo, hi},
                    Color.GRAY, 1f, false, false);
            s.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {5f, 4f}, 0f));
        }
    }

    /**
     * A Tukey boxplot at x = {@code at}: box from the lower to the upper quartile, median line, whiskers to the most
     * extreme values within 1.5 interquartile ranges, and every value as a point (a study has few runs).
     */
    private static void boxplot(XYChart c, String name, double at, double[] values, Color col) {
        double[] v = java.util.Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return;
        }
        Quartiles qs = Quartiles.of(v);
        double iqr = qs.q3() - qs.q1();
        double lo = qs.q1(), hi = qs.q3();
        for (double x : v) {
            if (x >= qs.q1() - 1.5 * iqr) {
                lo = Math.min(lo, x);
            }
            if (x <= qs.q3() + 1.5 * iqr) {
                hi = Math.max(hi, x);
            }
        }
        double w = 0.22, cap = 0.08;
        addLine(c, name + " quartiles", new double[] {at - w, at + w, at + w, at - w, at - w},
                new double[] {qs.q1(), qs.q1(), qs.q3(), qs.q3(), qs.q1()}, col, 1.8f, true, false);
        addLine(c, name + " median", new double[] {at - w, at + w}, new double[] {qs.median(), qs.median()}, col,
                3f, true, false);
        addLine(c, name + " upper whisker", new double[] {at, at, at - cap, at + cap},
                new double[] {qs.q3(), hi, hi, hi}, col, 1.2f, true, false);
        addLine(c, name + " lower whisker", new double[] {at, at, at - cap, at + cap},
                new double[] {qs.q1(), lo, lo, lo}, col, 1.2f, true, false);
        double[] xs = new double[v.length];
        java.util.Arrays.fill(xs, at);
        XYSeries pts = c.addSeries(name + " runs", xs, v);
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pts.setMarker(SeriesMarkers.CIRCLE);
        pts.setMarkerColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 160));
        pts.setShowInLegend(false);
    }

    private static XYSeries addLine(XYChart c, String name, double[] x, double[] y, Color col, float width,
                                    boolean solid, boolean inLegend) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(col);
        s.setLineWidth(width);
        s.setShowInLegend(inLegend);
        return s;
    }

    /** At most {@code max} grid indices with a value, always the first and the last. */
    private static int[] sample(int[] grid, double[] v, int max) {
        List<Integer> ok = new ArrayList<>();
        for (int e = 0; e < grid.length; e++) {
            if (!Double.isNaN(v[e])) {
                ok.add(e);
            }
        }
        int step = Math.max(1, (ok.size() + max - 1) / max);
        List<Integer> out = new ArrayList<>();
        // Every point of the first epochs (where the errors move fastest), then every step-th. Unequal spacing also
        // lets XChart place round epoch ticks instead of ticks on the data points.
        int dense = step == 1 ? ok.size() : Math.min(ok.size(), 2 * step);
        for (int k = 0; k < dense; k++) {
            out.add(ok.get(k));
        }
        for (int k = dense == ok.size() ? ok.size() : 3 * step; k < ok.size(); k += step) {
            out.add(ok.get(k));
        }
        if (!ok.isEmpty() && out.get(out.size() - 1) != ok.get(ok.size() - 1).intValue()) {
            out.add(ok.get(ok.size() - 1));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
