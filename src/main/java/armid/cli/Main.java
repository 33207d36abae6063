package armid.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code armid} command line. */
@Command(name = "armid", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Personalise the MoBL-ARMS arm model: bone inertial and muscle-tendon parameters by "
                + "differentiable optimisation, without deep-muscle EMG.",
        subcommands = {DemoCommand.class, ModelCommand.class, SimulateCommand.class, IdentifyCommand.class,
            StudyCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("armid: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("ARMID_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }
}
