package dev.toolgate.agent.cli;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code policy check FILE...}: loads each policy as the agent would and says what is wrong with it. */
@Command(
        name = "check",
        description = {"Validate policy files the way the agent loads them.", "Exit 0 when all load, 1 otherwise."})
final class PolicyCheckCommand implements Callable<Integer> {

    private final Io io;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files (YAML).")
    List<Path> files;

    PolicyCheckCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        int status = ExitCode.OK;
        PolicyLoader loader = new PolicyLoader(ValidationSettings.POLICY_CHECK);
        for (Path file : files) {
            try {
                Policy policy = loader.load(file);
                io.out()
                        .println(file + ": ok (" + policy.roles().size() + " roles, "
                                + policy.tools().size() + " tools, "
                                + policy.instrument().size()
                                + " instrument rules, sha256 " + policy.sha256() + ")");
            } catch (PolicyException e) {
                io.err().println(e.getMessage());
                status = ExitCode.FINDING;
            }
        }
        return status;
    }
}
