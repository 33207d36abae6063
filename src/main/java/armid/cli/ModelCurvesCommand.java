package armid.cli;

import armid.model.ForceElement;
import armid.model.muscle.curve.CurveProperties;
import armid.report.CurveReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code armid model curves}: exact and fitted muscle curves, their difference, and the samples as CSV. */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = "Draw a muscle's exact Millard curves and the fitted piecewise polynomials (PNG, SVG, CSV).")
final class ModelCurvesCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--muscle", paramLabel = "NAME", description = "Muscle whose curve properties to use "
            + "(default: the first muscle of the model).")
    String muscle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--samples", defaultValue = "1001", description = "Samples per curve (default ${DEFAULT-VALUE}).")
    int samples;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var o = modelOptions.open();
        List<ForceElement> muscles = o.model().muscles();
        if (muscles.isEmpty()) {
            throw new IllegalArgumentException("model " + o.model().name() + " has no muscles");
        }
        ForceElement m = muscle == null ? muscles.get(0) : o.model().force(muscle);
        if (m == null || !m.isMuscle()) {
            throw new IllegalArgumentException("no muscle named '" + muscle + "'; muscles: "
                    + String.join(" ", muscles.stream().map(ForceElement::name).toList()));
        }
        CurveProperties.Set params = CurveProperties.Set.of(m::component);
        List<CurveReport.Summary> summary = CurveReport.write(m.name(), params, out, samples);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%s curves written to %s%n", m.name(), out.toAbsolutePath());
        w.printf("  %-22s %-20s %11s %14s %16s%n", "curve", "fitted on", "polynomials", "max |error|",
                "max |d error|");
        for (CurveReport.Summary s : summary) {
            w.printf("  %-22s [%7.4f, %7.4f] %11d %14.3e %16.3e%n", s.curve(), s.from(), s.to(), s.polynomials(),
                    s.maxError(), s.maxDerivativeError());
        }
        w.flush();
        return 0;
    }
}
