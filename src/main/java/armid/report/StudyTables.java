package armid.report;

import armid.identify.IdentificationLoss;
import armid.identify.ParameterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The study's tables: the criteria per method (median and quartiles of the final Cr1, Cr2, Cr2^m over the runs, and
 * the wall time), the final percentage error of every parameter and base dynamic coefficient per method, and one row
 * per run.
 */
final class StudyTables {
    static final String CRITERIA = "criteria";
    static final String PARAMETERS = "parameters";
    static final String RUNS = "runs";

    private StudyTables() {
    }

    /** Per method (all movements, then each movement when there are several): quartiles of the final criteria. */
    static Table criteria(StudyResults r) {
        List<String> cols = new ArrayList<>(List.of("movements", "method", "runs"));
        List<String> labels = new ArrayList<>(List.of("movements", "method", "runs"));
        String[] crit = {"cr1", "cr2", "cr2m"};
        String[] shown = {"Cr1", "Cr2", "Cr2^m"};
        for (int c = 0; c < 3; c++) {
            cols.addAll(List.of(crit[c] + "_initial_median", crit[c] + "_q1", crit[c] + "_median", crit[c] + "_q3"));
            labels.addAll(List.of(shown[c] + " initial, median (%)", shown[c] + " final Q1 (%)",
                    shown[c] + " final median (%)", shown[c] + " final Q3 (%)"));
        }
        cols.add("wall_time_median_s");
        labels.add("wall time per run, median (s)");
        Table t = new Table(CRITERIA, cols, labels);
        List<List<Integer>> scopes = new ArrayList<>();
        scopes.add(r.settings().movements());
        if (r.settings().movements().size() > 1) {
            for (int m : r.settings().movements()) {
                scopes.add(List.of(m));
            }
        }
        for (List<Integer> scope : scopes) {
            for (IdentificationLoss.Method m : r.methods()) {
                List<StudyResults.RunResult> runs = r.runs(m).stream()
                        .filter(x -> scope.contains(x.run().movement())).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                List<Object> row = new ArrayList<>(List.of(String.join(",", scope.stream().map(String::valueOf)
                        .toList()), m.name(), runs.size()));
                for (int c = 0; c < 3; c++) {
                    final int cc = c;
                    Quartiles ini = quartiles(runs, x -> r.initialCriteria(x)[cc]);
                    Quartiles fin = quartiles(runs, x -> r.finalCriteria(x)[cc]);
                    row.addAll(List.of(ini.median(), fin.q1(), fin.median(), fin.q3()));
                }
                row.add(quartiles(runs, StudyResults.RunResult::wallTimeSeconds).median());
                t.add(row.toArray());
            }
        }
        return t;
    }

    /** Per parameter moved in some run and per base coefficient: median and quartiles of the final error. */
    static Table parameters(StudyResults r) {
        List<String> cols = new ArrayList<>(List.of("parameter", "kind", "in_criteria"));
        List<String> labels = new ArrayList<>(List.of("parameter", "kind", "in Cr"));
        for (IdentificationLoss.Method m : r.methods()) {
            cols.addAll(List.of(m + "_initial_median_error_percent", m + "_q1_error_percent",
                    m + "_median_error_percent", m + "_q3_error_percent", m + "_median_abs_error_percent"));
            labels.addAll(List.of(m + " initial error, median (%)", m + " final error Q1 (%)",
                    m + " final error, median (%)", m + " final error Q3 (%)", m + " final |error|, median (%)"));
        }
        Table t = new Table(PARAMETERS, cols, labels);
        int[] common = r.common();
        for (int i : r.moved()) {
            List<Object> row = new ArrayList<>(List.of(r.names().get(i), kind(i),
                    java.util.Arrays.stream(common).anyMatch(c -> c == i) ? "yes" : "no"));
            for (IdentificationLoss.Method m : r.methods()) {
                List<StudyResults.RunResult> runs = r.runs(m);
                Quartiles ini = quartiles(runs, x -> initialError(x, i));
                Quartiles fin = quartiles(runs, x -> StudyResults.finalError(x, i));
                Quartiles abs = quartiles(runs, x -> Math.abs(StudyResults.finalError(x, i)));
                row.addAll(List.of(ini.median(), fin.q1(), fin.median(), fin.q3(), abs.median()));
            }
            t.add(row.toArray());
        }
        for (int k = 0; k < r.baseNames().size(); k++) {
            final int kk = k;
            List<Object> row = new ArrayList<>(List.of("β" + (k + 1) + " = " + r.baseNames().get(k), "base", "no"));
            for (IdentificationLoss.Method m : r.methods()) {
                List<StudyResults.RunResult> runs = r.runs(m);
                Quartiles ini = quartiles(runs, x -> r.baseErrorTrajectory(x, kk)[0]);
                Quartiles fin = quartiles(runs, x -> StudyResults.finalBaseError(x, kk));
                Quartiles abs = quartiles(runs, x -> Math.abs(StudyResults.finalBaseError(x, kk)));
                row.addAll(List.of(ini.median(), fin.q1(), fin.median(), fin.q3(), abs.median()));
            }
            t.add(row.toArray());
        }
        return t;
    }

    /** One row per run of the study: the criteria over the common parameters and over the run's own. */
    static Table runs(StudyResults r) {
        Table t = new Table(RUNS, List.of("run", "movement", "seed", "method", "status", "cr1_initial", "cr1",
                "cr2", "cr2m", "own_cr1", "own_cr2", "own_cr2m", "final_loss", "wall_time_s", "threads"),
                List.of("run", "movement", "seed", "method", "status", "Cr1 initial (%)", "Cr1 (%)", "Cr2 (%)",
                        "Cr2^m (%)", "Cr1, own parameters (%)", "Cr2, own (%)", "Cr2^m, own (%)", "final loss",
                        "wall time (s)", "threads"));
        int total = r.settings().epochs() + r.settings().tendonEpochs();
        for (StudyResults.RunResult x : r.runs()) {
            double[] f = r.finalCriteria(x);
            t.add(x.run().id(), x.run().movement(), x.run().seed(), x.run().method().name(), "finished",
                    r.initialCriteria(x)[0], f[0], f[1], f[2], x.ownCr1(), x.ownCr2(), x.ownCr2m(), x.finalLoss(),
                    x.wallTimeSeconds(), x.threads());
        }
        for (StudyResults.Pending p : r.pending()) {
            double nan = Double.NaN;
            t.add(p.run().id(), p.run().movement(), p.run().seed(), p.run().method().name(),
                    p.epochsDone() == 0 ? "not started" : p.epochsDone() + " of " + total + " epochs", nan, nan, nan,
                    nan, nan, nan, nan, nan, nan, nan);
        }
        return t;
    }

    private static double initialError(StudyResults.RunResult x, int i) {
        double gt = x.groundTruth()[i];
        return !x.selected()[i] || gt == 0 ? Double.NaN : 100 * (x.initial()[i] - gt) / Math.abs(gt);
    }

    static String kind(int i) {
        if (i < ParameterRegistry.N_BONE) {
            return "bone";
        }
        return i < ParameterRegistry.SHARED_OFFSET ? "muscle" : "shared";
    }

    private static Quartiles quartiles(List<StudyResults.RunResult> runs,
                                       ToDoubleFunction<StudyResults.RunResult> f) {
        return Quartiles.of(runs.stream().mapToDouble(f).toArray());
    }
}
