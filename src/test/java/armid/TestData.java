package armid;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference data (models and OpenSim oracles) beside the project. */
public final class TestData {
    private TestData() {
    }

    public static Path shared() {
        String p = System.getProperty("armid.shared");
        Path path = p != null ? Path.of(p) : Path.of("..", "shared");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("shared reference data not found at " + path.toAbsolutePath());
        }
        return path;
    }

    public static Path oracle(String relative) {
        return shared().resolve("oracles").resolve(relative);
    }

    public static Path model(String relative) {
        return shared().resolve("models").resolve(relative);
    }
}
