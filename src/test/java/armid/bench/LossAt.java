package armid.bench;

import armid.identify.DatasetReader;
import armid.identify.IdentificationLoss;
import armid.identify.ParameterRegistry;
import armid.identify.Synthetic;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The first phase's loss (eq. 15, with the run's own normalisation from {@code result.json}) of an identification run
 * at one of its {@code parameters.csv} rows and at the dataset's ground truth, to tell whether a run stopped short of
 * the minimum (its loss above the ground truth's) or found the model-mismatch floor (below it).
 * Run: {@code java -cp 'target/classes:target/test-classes:target/lib/*' armid.bench.LossAt RUN_DIR EPOCH}.
 */
public final class LossAt {
    private LossAt() {
    }

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        String epoch = args[1];
        JsonNode result = new ObjectMapper().readTree(run.resolve("result.json").toFile());
        JsonNode settings = result.get("settings");
        DatasetReader.Data data = DatasetReader.read(Path.of(settings.get("data").asText()),
                Synthetic.SYSTEM.coordinateNames());
        ParameterRegistry reg = ParameterRegistry.fromModel(Synthetic.MODEL).withGroundTruth(data.groundTruth());
        IdentificationLoss.Method method = IdentificationLoss.Method.valueOf(settings.get("method").asText());
        if (method == IdentificationLoss.Method.M1) {
            reg.selectM1();
        } else {
            reg.selectM2();
        }
        List<String> lines = Files.readAllLines(run.resolve("parameters.csv"));
        String[] head = lines.get(0).split(",");
        String[] row = null;
        for (String l : lines) {
            if (l.startsWith(epoch + ",")) {
                row = l.split(",");
            }
        }
        if (row == null) {
            throw new IllegalArgumentException(run.resolve("parameters.csv") + " has no row for epoch " + epoch);
        }
        double[] estimate = reg.groundTruth();
        for (int c = 1; c < head.length; c++) {
            estimate[index(reg, head[c])] = Double.parseDouble(row[c]);
        }
        try (IdentificationLoss loss = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data.motion(),
                IdentificationLoss.Options.of(method))) {
            loss.setNormalization(result.get("normalization").asDouble());
            System.out.printf("%s, first-phase loss (normalised as the run): at epoch %s %.4e, at the ground truth "
                    + "%.4e%n", method, epoch, loss.value(estimate), loss.value(reg.groundTruth()));
        }
    }

    private static int index(ParameterRegistry reg, String name) {
        for (int i = 0; i < reg.size(); i++) {
            if (reg.driver(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown parameter " + name);
    }
}
