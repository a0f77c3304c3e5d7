package dev.toolgate.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.policy.PolicyProblem;
import dev.toolgate.agent.policy.PolicyWarnings;
import dev.toolgate.agent.policytool.PolicyTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy check FILE...}: loads each policy as the agent would and says what is wrong with it. */
@Command(
        name = "check",
        description = {
            "Validate policy files, reporting every error.",
            "Each file is loaded the way the agent loads it.",
            "Exit 0 when all load, 1 otherwise (with --strict, also when there are warnings)."
        })
final class PolicyCheckCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    private final Io io;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files (YAML).")
    List<Path> files;

    @Option(
            names = "--strict",
            description = "Also report entries that have no effect or are doubtful (a tool both allowed and"
                    + " denied, an allowed tool without a risk, shadowed rules, a role that allows nothing, a policy"
                    + " that denies nothing, unused validators, no version), and fail on them.")
    boolean strict;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "text (default) or json: one JSON document with every file's errors and warnings.")
    Format format = Format.text;

    PolicyCheckCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        int status = ExitCode.OK;
        PolicyLoader loader = PolicyTools.loader();
        ObjectMapper json = new ObjectMapper();
        ArrayNode report = json.createArrayNode();
        for (Path file : files) {
            ObjectNode entry = report.addObject().put("file", file.toString());
            List<PolicyProblem> errors = List.of();
            List<PolicyProblem> warnings = List.of();
            Policy policy = null;
            try {
                policy = loader.load(file);
                if (strict) {
                    warnings = PolicyWarnings.of(policy, file);
                }
            } catch (PolicyException e) {
                errors = e.problems();
            } catch (IOException e) {
                errors = List.of(new PolicyProblem(file.toString(), 0, 0, null, "cannot be read (" + e + ")."));
            }
            boolean ok = errors.isEmpty() && warnings.isEmpty();
            if (!ok) {
                status = ExitCode.FINDING;
            }
            entry.put("ok", ok);
            if (policy != null) {
                entry.put("sha256", policy.sha256());
            }
            problems(entry.putArray("errors"), errors);
            problems(entry.putArray("warnings"), warnings);
            if (format == Format.text) {
                print(file, policy, errors, warnings);
            }
        }
        if (format == Format.json) {
            io.out().println(json.createObjectNode().set("files", report).toPrettyString());
        }
        return status;
    }

    private void print(Path file, Policy policy, List<PolicyProblem> errors, List<PolicyProblem> warnings) {
        errors.forEach(error -> io.err().println(error));
        warnings.forEach(warning -> io.err().println(warning + " [warning]"));
        if (policy != null && warnings.isEmpty()) {
            io.out()
                    .println(file + ": ok (" + policy.roles().size() + " roles, "
                            + policy.tools().size() + " tools, "
                            + policy.instrument().size()
                            + " instrument rules, sha256 " + policy.sha256() + ")");
        }
    }

    private static void problems(ArrayNode out, List<PolicyProblem> problems) {
        for (PolicyProblem problem : problems) {
            ObjectNode node = out.addObject();
            if (problem.line() > 0) {
                node.put("line", problem.line()).put("column", problem.column());
            }
            if (problem.key() != null) {
                node.put("key", problem.key());
            }
            node.put("message", problem.message());
        }
    }
}
