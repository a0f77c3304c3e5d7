package dev.toolgate.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code audit}: the commands about audit logs. */
@Command(
        name = "audit",
        description = "Read and check audit logs.",
        subcommands = {AuditVerifyCommand.class, AuditTailCommand.class, AuditKeygenCommand.class})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }
}
