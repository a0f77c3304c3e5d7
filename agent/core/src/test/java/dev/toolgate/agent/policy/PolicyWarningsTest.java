package dev.toolgate.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code policy check --strict} doubts: each warning with its key and line, and none for a sound policy. */
class PolicyWarningsTest {

    @TempDir
    Path dir;

    private List<String> warningsFor(String yaml) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        Policy policy = new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file);
        return PolicyWarnings.of(policy, file).stream().map(Object::toString).toList();
    }

    @Test
    void eachDoubtfulEntryIsNamedWithItsLine() throws Exception {
        List<String> warnings = warningsFor("""
                roles:
                  ops:
                    allowed_tools: [kubectl_get, kubectl_delete, send_mail]
                    denied_tools: [kubectl_d*]
                    approval:
                      rules:
                        - {id: mail, tools: [send_*], action: approve}
                        - {id: mail-again, tools: [send_mail], action: auto_approve}
                  idle: {allowed_tools: []}
                tools:
                  kubectl_get: {risk: read}
                  kubectl_delete: {risk: delete}
                validators:
                  commands: {type: shell-command, allow_programs: [ls]}
                """);
        assertWarning(warnings, "policy.yaml: key 'version': version: is missing");
        assertWarning(
                warnings,
                ":3:34: key 'roles.ops.allowed_tools[1]': 'kubectl_delete' is also denied (by"
                        + " 'kubectl_d*' in denied_tools)");
        assertWarning(warnings, "key 'roles.ops.allowed_tools[2]': 'send_mail' has no entry under tools:");
        assertWarning(warnings, ":8:11: key 'roles.ops.approval.rules[1]': the rule is never used: rule 0 ('mail')");
        assertWarning(warnings, ":9:3: key 'roles.idle': the role allows no tool");
        assertWarning(warnings, ":14:3: key 'validators.commands': the validator 'commands' is used by no");
        assertEquals(6, warnings.size(), String.join("\n", warnings));
    }

    @Test
    void aPolicyThatDeniesNothingIsSaidToDoSo() throws Exception {
        List<String> warnings = warningsFor("version: 1\nroles:\n  a: {allowed_tools: ['*']}\n");
        assertEquals(1, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains("key 'roles': every role allows every tool"), warnings.get(0));
    }

    @Test
    void theShippedPoliciesHaveNoWarnings() throws Exception {
        try (var files = Files.list(Path.of("../../policies"))) {
            for (Path policy : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Policy loaded = new PolicyLoader(ValidationSettings.POLICY_CHECK).load(policy);
                assertEquals(List.of(), PolicyWarnings.of(loaded, policy), policy.toString());
            }
        }
    }

    private static void assertWarning(List<String> warnings, String expected) {
        assertTrue(
                warnings.stream().anyMatch(w -> w.contains(expected)),
                "no warning says: " + expected + "\nin:\n" + String.join("\n", warnings));
    }
}
