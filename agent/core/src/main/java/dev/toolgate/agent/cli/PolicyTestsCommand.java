package dev.toolgate.agent.cli;

import dev.toolgate.agent.policytool.PolicyTestCommand;
import dev.toolgate.agent.policytool.UsageProblem;
import java.nio.file.Path;
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
        List<Path> tests;
        try {
            tests = PolicyTestCommand.testFiles(files);
        } catch (UsageProblem e) {
            io.err().println("toolgate: " + e.getMessage());
            return ExitCode.USAGE;
        }
        return PolicyTestCommand.run(tests, verbose, io.out(), io.err()).exitCode();
    }
}
