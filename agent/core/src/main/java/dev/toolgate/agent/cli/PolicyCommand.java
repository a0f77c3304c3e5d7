package dev.toolgate.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code policy}: the commands about policy files. */
@Command(
        name = "policy",
        description = "Work with policy files.",
        subcommands = {
            PolicyCheckCommand.class,
            PolicyExplainCommand.class,
            PolicyTestsCommand.class,
            PolicyInitCommand.class
        })
final class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }
}
