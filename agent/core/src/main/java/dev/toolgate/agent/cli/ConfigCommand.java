package dev.toolgate.agent.cli;

import dev.toolgate.agent.config.ConfigReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config [AGENT-ARGUMENTS]}: the effective configuration, each value with where it came from. */
@Command(
        name = "config",
        description = {
            "Print the effective configuration and where each value came from.",
            "What an agent started here would use: agent arguments, system properties,",
            "environment, config file, defaults; secrets print as (set).",
            "Exit 0 valid, 1 the agent would refuse it."
        })
final class ConfigCommand implements Callable<Integer> {

    private final Io io;

    @Parameters(
            paramLabel = "AGENT-ARGUMENTS",
            arity = "0..1",
            description = "The -javaagent arguments, such as policy=p.yaml,role=ops.")
    String agentArguments;

    ConfigCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return ConfigReport.run(
                agentArguments == null ? new String[0] : new String[] {agentArguments}, io.out(), io.err());
    }
}
