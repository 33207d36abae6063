package armid.report;

import armid.identify.IdentificationJob;
import armid.identify.IdentificationLoss;
import armid.identify.Metrics;
import armid.study.Study;
import armid.study.StudyRunner;
import armid.study.StudySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A study folder read back: its settings, every finished run's result.json, parameters.csv and history.csv, and the
 * runs not finished yet. The criteria are evaluated over the parameters selected in every finished run (M1's when
 * both methods ran: the paper compares "only the identifiable model parameters of M1", IV).
 */
public final class StudyResults {

    /**
     * One finished run.
     *
     * @param trajectory     parameters at the study's {@link #grid()} epochs (rows of NaN where parameters.csv lacks
     *                       the epoch)
     * @param baseTrajectory base dynamic coefficients at the grid epochs (history.csv; the estimate's last)
     */
    public record RunResult(Study.Run run, double[] groundTruth, boolean[] selected, double[] initial,
                            double[] estimate, double wallTimeSeconds, int threads, double finalLoss,
                            double ownCr1, double ownCr2, double ownCr2m, double[] baseGroundTruth,
                            double[] baseEstimate, double[][] trajectory, double[][] baseTrajectory) {
    }

    /** A run not finished: {@code epochsDone} of its epochs done (0: not started). */
    public record Pending(Study.Run run, int epochsDone) {
    }

    private final Path study;
    private final StudySettings settings;
    private final List<String> names;
    private final List<String> baseNames;
    private final List<RunResult> runs;
    private final List<Pending> pending;
    private final int[] common;
    private final int[] grid;

    private StudyResults(Path study, StudySettings settings, List<String> names, List<String> baseNames,
                         List<RunResult> runs, List<Pending> pending, int[] common, int[] grid) {
        this.study = study;
        this.settings = settings;
        this.names = names;
        this.baseNames = baseNames;
        this.runs = runs;
        this.pending = pending;
        this.common = common;
        this.grid = grid;
    }

    /** Reads a study folder. */
    public static StudyResults load(Path study) throws IOException {
        StudySettings s = StudySettings.read(study);
        if (s == null) {
            throw new IOException(study + ": no " + Study.SETTINGS + "; not a study folder (armid study --out DIR "
                    + "makes one)");
        }
        int total = s.epochs() + s.tendonEpochs();
        int[] grid = IntStream.concat(IntStream.iterate(0, e -> e < total, e -> e + s.parametersEvery()),
                IntStream.of(total)).toArray();
        List<RunResult> done = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        List<String> names = null;
        List<String> baseNames = null;
        for (Study.Run r : Study.runs(s)) {
            JsonNode res = StudyRunner.result(study, r);
            if (res == null) {
                pending.add(new Pending(r, StudyRunner.epochsDone(study, r, s)));
                continue;
            }
            Path dir = r.folder(study);
            Path rf = dir.resolve(IdentificationJob.RESULT);
            if (!res.path("ground_truth_known").asBoolean()) {
                throw new IOException(rf + ": the dataset has no ground truth; the study's criteria need it");
            }
            JsonNode ps = res.get("parameters");
            int n = ps.size();
            List<String> nm = new ArrayList<>();
            double[] gt = new double[n];
            boolean[] sel = new boolean[n];
            double[] ini = new double[n];
            double[] est = new double[n];
            for (int i = 0; i < n; i++) {
                JsonNode p = ps.get(i);
                nm.add(p.get("name").asText());
                gt[i] = p.get("ground_truth").asDouble();
                sel[i] = p.get("selected").asBoolean();
                ini[i] = p.get("initial").asDouble();
                est[i] = p.get("estimate").asDouble();
            }
            if (names == null) {
                names = List.copyOf(nm);
            } else if (!names.equals(nm)) {
                throw new IOException(rf + ": its parameters differ from those of the other runs");
            }
            JsonNode b = res.get("base_coefficients");
            List<String> bn = new ArrayList<>();
            b.get("names").forEach(x -> bn.add(x.asText()));
            if (baseNames == null) {
                baseNames = List.copyOf(bn);
            } else if (!baseNames.equals(bn)) {
                throw new IOException(rf + ": its base dynamic coefficients differ from those of the other runs");
            }
            double[] bgt = doubles(b.get("ground_truth"));
            double[] best = doubles(b.get("estimate"));
            JsonNode fm = res.path("metrics").path("final");
            double[][] traj = readParameters(dir.resolve(IdentificationJob.PARAMETERS), nm, grid);
            double[][] btraj = readBase(dir.resolve(IdentificationJob.HISTORY), bn.size(), grid, total, best);
            done.add(new RunResult(r, gt, sel, ini, est, res.path("wall_time_s").asDouble(Double.NaN),
                    res.path("settings").path("threads").asInt(), fm.path("loss").asDouble(Double.NaN),
                    fm.path("cr1_percent").asDouble(Double.NaN), fm.path("cr2_percent").asDouble(Double.NaN),
                    fm.path("cr2m_percent").asDouble(Double.NaN), bgt, best, traj, btraj));
        }
        int[] common = new int[0];
        if (!done.isEmpty()) {
            int n = names.size();
            common = IntStream.range(0, n).filter(i -> done.stream().allMatch(r -> r.selected()[i])).toArray();
        }
        return new StudyResults(study, s, names == null ? List.of() : names,
                baseNames == null ? List.of() : baseNames, List.copyOf(done), List.copyOf(pending), common, grid);
    }

    // ------------------------------------------------------------------------------------------------ accessors

    public Path study() {
        return study;
    }

    public StudySettings settings() {
        return settings;
    }

    /** Parameter names (OpenSim's), in θ's order. */
    public List<String> names() {
        return names;
    }

    public List<String> baseNames() {
        return baseNames;
    }

    /** The finished runs, in the study's order. */
    public List<RunResult> runs() {
        return runs;
    }

    public List<RunResult> runs(IdentificationLoss.Method m) {
        return runs.stream().filter(r -> r.run().method() == m).toList();
    }

    public List<Pending> pending() {
        return pending;
    }

    /** Indices of the parameters selected in every finished run: the criteria's parameters. */
    public int[] common() {
        return common.clone();
    }

    /** Epochs of the trajectories: every parametersEvery-th epoch and the end. */
    public int[] grid() {
        return grid.clone();
    }

    /** The methods with at least one finished run, in the study's order. */
    public List<IdentificationLoss.Method> methods() {
        return settings.methods().stream().filter(m -> !runs(m).isEmpty()).toList();
    }

    /** Indices of the parameters selected in at least one finished run. */
    public int[] moved() {
        return IntStream.range(0, names.size()).filter(i -> runs.stream().anyMatch(r -> r.selected()[i]))
                .toArray();
    }

    // ------------------------------------------------------------------------------------------------ criteria

    /** Final Cr1, Cr2, Cr2^m (eq. 22–23, %) of a run over {@link #common()}. */
    public double[] finalCriteria(RunResult r) {
        return new double[] {Metrics.cr1(r.estimate(), r.groundTruth(), common),
            Metrics.cr2(r.estimate(), r.groundTruth(), common), Metrics.cr2Muscle(r.estimate(), r.groundTruth(),
                common)};
    }

    /** Initial Cr1, Cr2, Cr2^m (%) of a run over {@link #common()}. */
    public double[] initialCriteria(RunResult r) {
        return new double[] {Metrics.cr1(r.initial(), r.groundTruth(), common),
            Metrics.cr2(r.initial(), r.groundTruth(), common), Metrics.cr2Muscle(r.initial(), r.groundTruth(),
                common)};
    }

    /** Cr1 (%) over {@link #common()} at the grid epochs. */
    public double[] cr1Trajectory(RunResult r) {
        double[] out = new double[grid.length];
        for (int k = 0; k < grid.length; k++) {
            out[k] = Double.isNaN(r.trajectory()[k][0]) ? Double.NaN
                    : Metrics.cr1(r.trajectory()[k], r.groundTruth(), common);
        }
        return out;
    }

    /** Static form of {@link #cr1Trajectory} for method references. */
    static double[] cr1TrajectoryOf(StudyResults r, RunResult run) {
        return r.cr1Trajectory(run);
    }

    /** Percentage error 100 (θ_i − gt_i)/|gt_i| of parameter i at the grid epochs; NaN where not moved. */
    public double[] errorTrajectory(RunResult r, int i) {
        double[] out = new double[grid.length];
        double gt = r.groundTruth()[i];
        for (int k = 0; k < grid.length; k++) {
            out[k] = !r.selected()[i] || gt == 0 ? Double.NaN : 100 * (r.trajectory()[k][i] - gt) / Math.abs(gt);
        }
        return out;
    }

    /** Final percentage error of parameter i; NaN where not moved (or a zero ground truth). */
    public static double finalError(RunResult r, int i) {
        double gt = r.groundTruth()[i];
        return !r.selected()[i] || gt == 0 ? Double.NaN : 100 * (r.estimate()[i] - gt) / Math.abs(gt);
    }

    /** Percentage error of base dynamic coefficient k at the grid epochs. */
    public double[] baseErrorTrajectory(RunResult r, int k) {
        double[] out = new double[grid.length];
        double gt = r.baseGroundTruth()[k];
        for (int e = 0; e < grid.length; e++) {
            out[e] = 100 * (r.baseTrajectory()[e][k] - gt) / Math.abs(gt);
        }
        return out;
    }

    public static double finalBaseError(RunResult r, int k) {
        double gt = r.baseGroundTruth()[k];
        return 100 * (r.baseEstimate()[k] - gt) / Math.abs(gt);
    }

    // ------------------------------------------------------------------------------------------------ files

    private static double[][] readParameters(Path f, List<String> names, int[] grid) throws IOException {
        double[][] out = nanRows(grid.length, names.size());
        if (!Files.isRegularFile(f)) {
            return out;
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("epoch," + String.join(",", names))) {
            throw new IOException(f + ", line 1: expected the header epoch," + names.get(0) + ",… (the parameters "
                    + "of result.json in order)");
        }
        Map<Integer, Integer> at = index(grid);
        for (int li = 1; li < lines.size(); li++) {
            String[] v = lines.get(li).split(",", -1);
            if (v.length != names.size() + 1) {
                throw new IOException(f + ", line " + (li + 1) + ": " + v.length + " columns, expected "
                        + (names.size() + 1));
            }
            Integer k = at.get(parseInt(v[0], f, li, "epoch"));
            if (k == null) {
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                out[k][i] = parse(v[i + 1], f, li, names.get(i));
            }
        }
        return out;
    }

    private static double[][] readBase(Path f, int nb, int[] grid, int total, double[] estimate) throws IOException {
        double[][] out = nanRows(grid.length, nb);
        Map<Integer, Integer> at = index(grid);
        if (Files.isRegularFile(f)) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int li = 1; li < lines.size(); li++) {
                String line = lines.get(li);
                int comma = line.indexOf(',');
                Integer k = at.get(parseInt(comma < 0 ? line : line.substring(0, comma), f, li, "epoch"));
                if (k == null) {
                    continue;
                }
                String[] v = line.split(",", -1);
                if (v.length != 6 + nb) {
                    throw new IOException(f + ", line " + (li + 1) + ": " + v.length + " columns, expected "
                            + (6 + nb));
                }
                for (int j = 0; j < nb; j++) {
                    out[k][j] = parse(v[6 + j], f, li, "beta_" + (j + 1));
                }
            }
        }
        out[at.get(total)] = estimate.clone();
        return out;
    }

    private static Map<Integer, Integer> index(int[] grid) {
        Map<Integer, Integer> m = new HashMap<>();
        for (int k = 0; k < grid.length; k++) {
            m.put(grid[k], k);
        }
        return m;
    }

    private static double[][] nanRows(int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            Arrays.fill(row, Double.NaN);
        }
        return out;
    }

    private static int parseInt(String s, Path f, int li, String column) throws IOException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IOException(f + ", line " + (li + 1) + ", column " + column + ": not an integer: '" + s + "'");
        }
    }

    private static double parse(String s, Path f, int li, String column) throws IOException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(f + ", line " + (li + 1) + ", column " + column + ": not a number: '" + s + "'");
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a == null ? 0 : a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
