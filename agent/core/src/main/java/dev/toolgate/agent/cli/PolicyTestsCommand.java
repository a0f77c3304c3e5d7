package dev.toolgate.agent.cli;

import dev.toolgate.agent.policytool.PolicyTestCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy test DIR|FILE...}: runs policy test files against the policies they name. */
@Command(
        name = "test",
        description = {
            "Run policy test files against the policies they name.",
            "Prints each failure, then 'N passed, N failed'. Exit 0 when all pass,",
            "1 on a failure. Format: docs/policy-testing.md."
        })
final class PolicyTestsCommand implements Callable<Integer> {

    private final Io io;

    @Parameters(
            paramLabel = "DIR|FILE",
            arity = "1..*",
            description = "Test files (*.yaml, *.yml), or directories searched for them.")
    List<Path> files;

    @Option(names = "--verbose", description = "Also print every case that passed.")
    boolean verbose;

    PolicyTestsCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        // The policy test runner finds the test files in the directories named, and refuses what it cannot read.
        List<String> args = new ArrayList<>();
        if (verbose) {
            args.add("--verbose");
        }
        files.forEach(file -> args.add(file.toString()));
        return PolicyTestCommand.run(args.toArray(new String[0]), io.out(), io.err());
    }
}
