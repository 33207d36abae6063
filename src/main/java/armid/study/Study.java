package armid.study;

import armid.identify.IdentificationJob;
import armid.identify.IdentificationLoss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A study folder's layout:
 *
 * <pre>
 * study.json                 the settings ({@link StudySettings})
 * datasets/movement-K/       simulated datasets (absent when given with --data)
 * runs/mK-seedS-METHOD/      one identification run each (result.json, history.csv, parameters.csv, checkpoint)
 * figures/                   Fig. 4 and Fig. 5 equivalents, PNG and SVG
 * tables/                    criteria, parameters and runs, CSV and Markdown
 * report.html                figures, tables and settings
 * </pre>
 */
public final class Study {
    public static final String SETTINGS = "study.json";
    public static final String DATASETS = "datasets";
    public static final String RUNS = "runs";
    public static final String FIGURES = "figures";
    public static final String TABLES = "tables";
    public static final String REPORT = "report.html";

    private Study() {
    }

    /** One identification run of the study: a movement, the seed of the initial guess, a method. */
    public record Run(int movement, int seed, IdentificationLoss.Method method) {
        /** The run's folder name, e.g. {@code m1-seed3-M2}. */
        public String id() {
            return "m" + movement + "-seed" + seed + "-" + method;
        }

        public Path folder(Path study) {
            return study.resolve(RUNS).resolve(id());
        }

        /** Finished: its result.json exists (written last, atomically). */
        public boolean finished(Path study) {
            return Files.isRegularFile(folder(study).resolve(IdentificationJob.RESULT));
        }
    }

    /** Every run of the settings: movement by movement, seed by seed, method by method. */
    public static List<Run> runs(StudySettings s) {
        List<Run> out = new ArrayList<>();
        for (int m : s.movements()) {
            for (int seed = 1; seed <= s.seeds(); seed++) {
                for (IdentificationLoss.Method method : s.methods()) {
                    out.add(new Run(m, seed, method));
                }
            }
        }
        return out;
    }

    /** The dataset folder of a movement: given with --data, or the simulated one in the study folder. */
    public static Path dataset(Path study, StudySettings s, int movement) {
        int k = s.movements().indexOf(movement);
        if (k < 0) {
            throw new IllegalArgumentException("movement " + movement + " is not in the study " + s.movements());
        }
        if (!s.data().isEmpty()) {
            return s.data().get(k);
        }
        return simulatedDataset(study, movement);
    }

    public static Path simulatedDataset(Path study, int movement) {
        return study.resolve(DATASETS).resolve("movement-" + movement);
    }
}
