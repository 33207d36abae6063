package armid.cli;

import picocli.CommandLine.Command;

/** {@code armid model}: inspect a model. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect a model.",
        subcommands = {ModelInfoCommand.class, ModelEvalCommand.class, ModelCurvesCommand.class,
            ModelPathsCommand.class})
final class ModelCommand {
}
