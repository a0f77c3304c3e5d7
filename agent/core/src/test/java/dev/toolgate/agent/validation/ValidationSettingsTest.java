package dev.toolgate.agent.validation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in validation settings are reported when the policy loads, with file, line and key. */
class ValidationSettingsTest {

    @TempDir
    Path dir;

    private String errorFor(String tail) throws Exception {
        Path file = Files.writeString(dir.resolve("p.yaml"), "roles:\n  r:\n    allowed_tools: [x]\n" + tail);
        return assertThrows(PolicyException.class, () -> new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file))
                .getMessage();
    }

    @Test
    void unknownValidatorOptionNamesLineKeyAndKnownOptions() throws Exception {
        String message = errorFor("""
                tools:
                  shell_exec:
                    risk: delete
                    params:
                      command: {validator: shell-command, allow_progams: [ls]}
                """);
        assertTrue(message.contains("p.yaml:8:"), message);
        assertTrue(message.contains("tools.shell_exec.params.command.allow_progams"), message);
        assertTrue(message.contains("allow_programs"), message);
    }

    @Test
    void unknownValidatorTypeListsTheTypes() throws Exception {
        String message = errorFor("""
                tools:
                  t:
                    risk: read
                    params:
                      q: {validator: sql-readonly}
                """);
        assertTrue(message.contains("tools.t.params.q.validator"), message);
        assertTrue(message.contains("sql-read"), message);
    }

    @Test
    void wrongTypesActionsPatternsAndSchemasAreCaught() throws Exception {
        assertTrue(
                errorFor("tools:\n  t:\n    risk: read\n    params:\n      p: {validator: path, roots: relative/dir}\n")
                        .contains("not an absolute path"));
        assertTrue(errorFor("tools:\n  t:\n    risk: read\n    screen_result: shred\n")
                .contains("tools.t.screen_result"));
        assertTrue(
                errorFor("screening:\n  sensitive_patterns: ['(unclosed']\n").contains("screening.sensitive_patterns"));
        assertTrue(errorFor("screening:\n  prompt_injection: {arguments: flag, reults: redact}\n")
                .contains("screening.prompt_injection.reults"));
        assertTrue(errorFor("tools:\n  t:\n    risk: read\n    schema: {$ref: 'https://example.org/s.json'}\n")
                .contains("self-contained"));
        assertTrue(errorFor("tools:\n  t:\n    risk: read\n    params:\n      q: {validator: sql, timeout_ms: -5}\n")
                .contains("tools.t.params.q.timeout_ms"));
        assertTrue(errorFor("validators:\n  mine: {allow_programs: [ls]}\n").contains("validators.mine.type"));
    }
}
