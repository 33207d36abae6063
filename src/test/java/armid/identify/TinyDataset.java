package armid.identify;

import armid.model.Model;
import armid.osim.BundledModels;
import armid.simulate.ArmPlant;
import armid.simulate.Dataset;
import armid.simulate.GroundTruth;
import armid.simulate.ReferenceSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A tiny dataset from the reference simulator (tests may use it; the identification code itself never does):
 * movement 1, a perturbed subject (seed 3), 0.1 s at 200 Hz, simulated once per test JVM into a temporary folder.
 */
final class TinyDataset {
    static final long SUBJECT_SEED = 3;
    private static Path dir;
    private static GroundTruth truth;

    private TinyDataset() {
    }

    /** The dataset folder (do not modify it: copy it first). */
    static synchronized Path folder() {
        if (dir == null) {
            try {
                Model model = BundledModels.moblArms();
                truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES).perturbed(SUBJECT_SEED);
                var setup = new ReferenceSimulator.Setup(model, BundledModels.MOBL_ARMS, "",
                        BundledModels.defaultLocks(model), truth, ArmPlant.Options.PAPER, 1e-6, 0.1, 200);
                Dataset data = ReferenceSimulator.movement(setup, 1, 5, null);
                Path parent = Files.createTempDirectory("armid-identify-test");
                parent.toFile().deleteOnExit();
                dir = parent.resolve("data");
                data.write(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(parent)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static synchronized GroundTruth truth() {
        folder();
        return truth;
    }

    /** A writable copy of the dataset in {@code target}. */
    static Path copy(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(folder())) {
            for (Path p : s.toList()) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        return target;
    }

    static void delete(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
