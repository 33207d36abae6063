package armid.cli;

import armid.report.StudyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code armid report DIR}: rebuilds a study folder's figures, tables and report.html from its runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild a study folder's figures (figures/), tables (tables/) and report.html from its runs "
                + "(finished runs only; unfinished ones are listed).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Study folder (made by armid study or armid demo).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Path html = StudyReport.write(dir, Version.current());
        w.print(StudyReport.criteriaMarkdown(dir));
        w.printf("%nReport: %s%n", html.toAbsolutePath());
        w.flush();
        return 0;
    }
}
