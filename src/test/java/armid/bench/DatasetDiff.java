package armid.bench;

import armid.simulate.Dataset;
import java.nio.file.Path;

/**
 * Largest difference in q between two dataset folders of the same movement (e.g. simulated at a tolerance and at half
 * of it), per coordinate and overall, with the sample where it occurs.
 * Run: java -cp 'target/classes:target/test-classes:target/lib/*' armid.bench.DatasetDiff DIR_A DIR_B
 */
public final class DatasetDiff {
    public static void main(String[] args) throws Exception {
        Dataset a = Dataset.read(Path.of(args[0]));
        Dataset b = Dataset.read(Path.of(args[1]));
        if (a.samples() != b.samples() || !a.coordinates().equals(b.coordinates())) {
            throw new IllegalArgumentException("the datasets differ in samples or coordinates");
        }
        double worst = 0;
        for (int i = 0; i < a.coordinates().size(); i++) {
            double w = 0;
            int at = 0;
            for (int k = 0; k < a.samples(); k++) {
                double d = Math.abs(a.q(i)[k] - b.q(i)[k]);
                if (d > w) {
                    w = d;
                    at = k;
                }
            }
            System.out.printf("%-22s max |dq| = %.3e rad at sample %d%n", a.coordinates().get(i), w, at);
            worst = Math.max(worst, w);
        }
        System.out.printf("largest |dq| over all coordinates and %d samples: %.3e rad%n", a.samples(), worst);
    }
}
