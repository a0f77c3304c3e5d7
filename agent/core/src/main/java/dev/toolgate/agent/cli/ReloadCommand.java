package dev.toolgate.agent.cli;

import dev.toolgate.agent.reload.ReloadClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reload PID}: the agent in a running JVM loads its policy again now (JMX, through the Attach API). */
@Command(
        name = "reload",
        description = {
            "Make the agent in a running JVM load its policy again now.",
            "A policy that does not load is refused and the last good one stays.",
            "Exit 0 reloaded or unchanged, 1 refused or unreachable."
        })
final class ReloadCommand implements Callable<Integer> {

    private final Io io;

    @Parameters(paramLabel = "PID", description = "The process id of the JVM running the agent.")
    String pid;

    ReloadCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return ReloadClient.run(pid, io.out(), io.err());
    }
}
