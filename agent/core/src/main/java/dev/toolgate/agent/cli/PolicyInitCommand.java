package dev.toolgate.agent.cli;

import dev.toolgate.agent.policytool.InitCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policy init --from-tools FILE}: a starting policy from the tools an application offers. */
@Command(
        name = "init",
        description = {
            "Write a starting policy from a tool list.",
            "One role allowed every tool, a risk class per tool from its name,",
            "parameters, description and MCP hints, and the provenance defaults.",
            "Exit 0 when written, 2 when the tool list or the output cannot be used."
        })
final class PolicyInitCommand implements Callable<Integer> {

    private final Io io;

    @Option(
            names = "--from-tools",
            required = true,
            paramLabel = "FILE",
            description = "A JSON array of {name, description, parameters}, or an MCP server's tools/list result.")
    Path tools;

    @Option(names = "--role", paramLabel = "ROLE", description = "The role's name (default: assistant).")
    String role = "assistant";

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the policy (default: stdout).")
    Path output;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    boolean force;

    @Option(
            names = "--no-provenance",
            description = "Leave the flow rules out: every EXTERNAL and DELETE call goes to the approval rules.")
    boolean noProvenance;

    PolicyInitCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return InitCommand.run(tools, role, !noProvenance, output, force, io.out(), io.err());
    }
}
