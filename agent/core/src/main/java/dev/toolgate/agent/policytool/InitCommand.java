package dev.toolgate.agent.policytool;

import dev.toolgate.agent.policy.PolicyException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code policy init --from-tools}: a starting policy written from a tool list, checked by loading it. */
public final class InitCommand {

    private InitCommand() {}

    /**
     * @param provenance whether the policy has the flow rules
     * @param output where to write it; null for {@code out}
     * @return 0 when written, 2 when the tool list or the output cannot be used
     */
    public static int run(
            Path tools, String role, boolean provenance, Path output, boolean force, PrintStream out, PrintStream err) {
        String yaml;
        try {
            yaml = new PolicyDraft()
                    .write(ToolList.read(tools), role, tools.getFileName().toString(), provenance);
        } catch (UsageProblem problem) {
            err.println(problem.getMessage());
            return 2;
        } catch (IOException e) {
            err.println(tools + ": cannot be read (" + e + ").");
            return 2;
        }
        try {
            Path check = Files.createTempFile("toolgate-policy-init", ".yaml");
            try {
                Files.writeString(check, yaml);
                PolicyTools.loader().load(check);
            } finally {
                Files.deleteIfExists(check);
            }
        } catch (PolicyException | IOException e) {
            err.println("the policy written from " + tools + " does not load (" + e.getMessage()
                    + "); this is a fault of 'policy init', please report it.");
            return 2;
        }
        if (output == null) {
            out.print(yaml);
            return 0;
        }
        try {
            if (force) {
                Files.writeString(output, yaml, StandardCharsets.UTF_8);
            } else {
                Files.writeString(output, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            err.println(output + ": exists; give --force to replace it.");
            return 2;
        } catch (IOException e) {
            err.println(output + ": cannot be written (" + e + ").");
            return 2;
        }
        err.println("wrote " + output + " (" + yaml.lines().count() + " lines); review its risk classes before use.");
        return 0;
    }
}
