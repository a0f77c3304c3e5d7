package dev.toolgate.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top of the command tree; its subcommands are added in {@link Cli#commandLine}. */
@Command(
        name = "toolgate",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Tools for Toolgate policies, validators, audit logs and running JVMs.",
        footer = {
            "",
            "Exit codes: 0 ok; 1 a finding (invalid policy, denied input, tampered",
            "log, failed attach); 2 a usage error (bad option or value, missing or",
            "unusable file)."
        })
final class ToolgateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
