package armid.simulate;

import armid.io.StorageFile;
import armid.model.Model;
import armid.osim.BundledModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How closely a default movement's dataset follows the controller's reference: per independent coordinate the largest
 * and the RMS difference between the reference (rebuilt from the movement and seed in {@code dataset.json}, model
 * ground truth) and the recorded q over all samples, and with {@code every S} the two side by side every S seconds.
 * Run: {@code java -cp 'target/classes:target/test-classes:target/lib/*' armid.simulate.TrackingErrors DATASET
 * [every S]}.
 */
public final class TrackingErrors {
    private TrackingErrors() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double every = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        JsonNode description = new ObjectMapper().readTree(dir.resolve("dataset.json").toFile());
        JsonNode driver = description.get("driver");
        int movement = driver.get("movement").asInt();
        long seed = driver.get("seed").asLong();
        double duration = description.get("duration").asDouble();
        Model model = BundledModels.moblArms();
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        ArmPlant plant = new ArmPlant(model, BundledModels.defaultLocks(model), ReferenceSimulator.PAPER_MUSCLES,
                truth, ArmPlant.Options.PAPER);
        MovementController mc = new MovementController(plant, movement, seed, duration, truth.shared().delay());
        StorageFile q = StorageFile.read(dir.resolve("coordinates.sto"));
        int[] ind = plant.constraints().independent();
        double[][] column = new double[ind.length][];
        for (int j = 0; j < ind.length; j++) {
            column[j] = q.column(plant.system().coordinate(ind[j]).name());
        }
        double[] time = q.time();
        double[] ref = new double[3];
        double[] max = new double[ind.length];
        double[] sq = new double[ind.length];
        double next = 0;
        for (int k = 0; k < time.length; k++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6.2f s", time[k]));
            for (int j = 0; j < ind.length; j++) {
                mc.reference(j, time[k], ref);
                double e = Math.abs(ref[0] - column[j][k]);
                max[j] = Math.max(max[j], e);
                sq[j] += e * e;
                line.append(String.format(Locale.ROOT, "  %+.2f/%+.2f", ref[0], column[j][k]));
            }
            if (every > 0 && time[k] >= next - 1e-9) {
                System.out.println(line);
                next += every;
            }
        }
        System.out.printf("movement %d, seed %d: reference − q, largest / RMS (rad)%n", movement, seed);
        for (int j = 0; j < ind.length; j++) {
            System.out.printf(Locale.ROOT, "  %-14s %.2f / %.2f%n", plant.system().coordinate(ind[j]).name(), max[j],
                    Math.sqrt(sq[j] / time.length));
        }
    }
}
