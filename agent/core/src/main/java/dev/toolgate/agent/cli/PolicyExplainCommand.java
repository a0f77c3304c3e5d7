package dev.toolgate.agent.cli;

import dev.toolgate.agent.policytool.ExplainCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policy explain}: the decision a policy makes on one call, and the chain of rules behind it. */
@Command(
        name = "explain",
        description = {
            "Show the decision a policy makes on one call and why.",
            "Risk and its source, permission entry, each validator's verdict, budgets",
            "(on a fresh session), provenance (after the --trusted messages and --result",
            "results given), the approval rule. Exit 0 when explained, 1 when the",
            "policy does not load."
        })
final class PolicyExplainCommand implements Callable<Integer> {

    private final Io io;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy file or directory.")
    Path policy;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The calling role.")
    String role;

    @Option(
            names = "--tool",
            required = true,
            paramLabel = "TOOL",
            description = "The tool; mcp:SERVER/NAME for an MCP server's tool.")
    String tool;

    @Option(names = "--args", paramLabel = "JSON", description = "The call's arguments, one JSON object.")
    String arguments;

    @Option(names = "--session", paramLabel = "ID", description = "The session, for budgets.")
    String session;

    @Option(
            names = "--declared-risk",
            paramLabel = "RISK",
            description = "Stands for @AgentTool(risk) or the MCP server's hints.")
    String declaredRisk;

    @Option(
            names = "--trusted",
            paramLabel = "TEXT",
            description = "A user or system message of the conversation; repeatable.")
    List<String> trusted;

    @Option(
            names = "--result",
            paramLabel = "TOOL=FILE",
            description = "An earlier result of TOOL, its text in FILE; repeatable, numbered 1, 2, ... in order.")
    List<String> results;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    PolicyCheckCommand.Format format = PolicyCheckCommand.Format.text;

    PolicyExplainCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return ExplainCommand.run(
                new ExplainCommand.Request(
                        policy,
                        role,
                        tool,
                        arguments,
                        session,
                        declaredRisk,
                        format == PolicyCheckCommand.Format.json,
                        trusted,
                        results),
                io.out(),
                io.err());
    }
}
