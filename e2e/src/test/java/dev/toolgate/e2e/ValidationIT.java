package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.validation.ValidationApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Argument validation and content screening inside the real agent: validators from the policy, the JSON Schema
 * library and Druid's SQL parser relocated in the agent jar, screened results handed back through the woven exit
 * advice, secrets kept out of the audit log, and hostile arguments decided in bounded time.
 */
class ValidationIT {

    private static final String POLICY = """
            approval:
              defaults: {delete: allow, external: allow, modify: allow}
            roles:
              tester:
                allowed_tools: ["*"]
            tools:
              shell_exec:
                risk: delete
                params:
                  command: {validator: shell-command, allow_programs: [ls, grep, echo]}
              fetch_page:
                risk: read
                screen_result: block
              read_note:
                risk: read
                screen_result: redact
              send_email:
                risk: external
              set_limit:
                risk: modify
                schema:
                  properties:
                    limit: {maximum: 100}
            """;

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void argumentsAreValidatedAndResultsScreened(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("validation");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=tester")
                .jvmOption("-Xmx512m")
                .main(ValidationApp.class.getName())
                .timeoutSeconds(180)
                .run();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(out.contains("DONE"), run.describe());

        assertTrue(out.contains("CALL listing RAN ran"), run.describe());
        assertRefused(out, "wipe", "refused by shell-command: the program 'rm' is not on allow_programs");
        assertRefused(out, "download-exec", "refused by shell-command: the program 'curl' is not on allow_programs");
        assertRefused(out, "blocked-page", "the result of 'fetch_page' was withheld: possible prompt injection");
        assertTrue(out.contains("BODY fetch_page"), "the tool ran; only its result was withheld\n" + out);
        assertTrue(
                out.contains("CALL redacted-note RAN Opening hours: 9-17|[FILTERED]|Address: 1 Main Street"),
                run.describe());
        assertRefused(out, "secret-mail", "possible exfiltration: argument 'body' carries aws-access-key");
        assertTrue(out.contains("CALL plain-mail RAN sent"), run.describe());
        assertTrue(out.contains("CALL limit-ok RAN 50"), run.describe());
        assertRefused(out, "limit-too-high", "argument schema: ");
        assertTrue(out.contains("/limit"), run.describe());
        assertTrue(out.contains("CALL void-tool RAN done"), run.describe());
        assertRefused(out, "huge-command", "over the limit");
        assertRefused(out, "deep-map", "nested more than 64 levels deep");
        assertRefused(out, "surrogate", "unpaired UTF-16 surrogate");
        assertRefused(out, "nul", "NUL");
        assertRefused(out, "null-command", "is null");
        assertEquals(
                1,
                out.lines().filter(line -> line.startsWith("BODY shell_exec")).count(),
                "only the listing ran\n" + out);
        assertFalse(out.contains("BODY store"), out);
        assertEquals(
                1, out.lines().filter(line -> line.equals("BODY set_limit")).count(), "only limit-ok ran\n" + out);
        assertFalse(run.stderr().contains("SLF4J"), "the schema library's logging stays silent\n" + run.stderr());

        String audit = Files.readString(run.auditFile());
        assertFalse(audit.contains("AKIAIOSFODNN7EXAMPLF"), "the audit log must not become the leak");
        assertTrue(audit.contains("[REDACTED:aws-access-key]"), audit);
        List<AuditLine> wipe = run.audit(line -> "decision".equals(line.eventType())
                && "shell_exec".equals(line.tool())
                && "deny".equals(line.decision())
                && "tools.shell_exec.params.command".equals(line.text("rule")));
        assertFalse(wipe.isEmpty(), audit);
        AuditLine withheld = run.audit(
                        line -> "tool_result".equals(line.eventType()) && "fetch_page".equals(line.tool()))
                .get(0);
        assertEquals("deny", withheld.decision());
        assertEquals("tools.fetch_page.screen_result", withheld.text("rule"));
        AuditLine redacted = run.audit(
                        line -> "tool_result".equals(line.eventType()) && "read_note".equals(line.tool()))
                .get(0);
        assertTrue(redacted.text("result").contains("[FILTERED]"), redacted.toString());
        assertTrue(redacted.text("reason").contains("redacted: possible prompt injection"), redacted.toString());
        assertEquals(
                1,
                run.audit(line -> "decision".equals(line.eventType())
                                && "store".equals(line.tool())
                                && "deny".equals(line.decision()))
                        .size(),
                "the hostile argument is audited");
        assertEquals("0", run.stopLine().text("internal_errors"), run.describe());
    }

    private static void assertRefused(String out, String label, String reason) {
        String line = out.lines()
                .filter(l -> l.startsWith("CALL " + label + " "))
                .findFirst()
                .orElse("(no line)");
        assertTrue(line.startsWith("CALL " + label + " REFUSED Toolgate denied tool"), line + "\n" + out);
        assertTrue(line.contains(reason), line);
    }
}
