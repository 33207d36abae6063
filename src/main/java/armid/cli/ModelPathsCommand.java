package armid.cli;

import armid.model.path.PathSet;
import armid.report.PathReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code armid model paths}: moment arms and lengths against each independent coordinate (PNG and SVG). */
@Command(name = "paths", mixinStandardHelpOptions = true,
        description = "Draw moment arms and musculotendon lengths across each independent coordinate's range.")
final class ModelPathsCommand implements Callable<Integer> {
    /** The paper's 16 muscles (11 superficial, 5 deep), the default selection for MoBL-ARMS. */
    static final List<String> PAPER_MUSCLES = List.of("PECM1", "PECM2", "PECM3", "DELT1", "DELT2", "DELT3",
            "BIClong", "BICshort", "TRIlong", "TRIlat", "BRD", "INFSP", "SUBSC", "TRImed", "BRA", "PQ");

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--muscle", paramLabel = "NAME", split = ",", description = "Muscles to draw (default: the "
            + "paper's 16 when the model has them, else every muscle).")
    List<String> muscles;

    @Option(names = "--step", defaultValue = "1.0", description = "Sweep step in degrees (default ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var o = modelOptions.open();
        List<String> names = muscles;
        if (names == null) {
            boolean paper = PAPER_MUSCLES.stream().allMatch(n -> o.model().force(n) != null);
            names = paper ? PAPER_MUSCLES : o.paths().names();
        }
        PathSet paths = PathSet.of(o.system(), names);
        List<String> files = PathReport.write(paths, o.constraints(), out, step);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%d charts (PNG and SVG) for %d muscles written to %s%n", files.size(), names.size(),
                out.toAbsolutePath());
        w.flush();
        return 0;
    }
}
