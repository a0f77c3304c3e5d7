package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The main job: the sample agent app with the agent and the project's policy, as the README runs it. */
class SampleAppIT {

    private static final Path SAMPLE_JAR = ForkedJvm.projectDir().resolve("sample-app/target/toolgate-sample-app.jar");
    private static final Path POLICY = ForkedJvm.projectDir().resolve("policies/agents.yaml");

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void injectedSessionIsContainedAndEverythingIsAudited(Jdks.Jdk jdk) throws Exception {
        assertTrue(Files.isRegularFile(SAMPLE_JAR), "build the sample app first: " + SAMPLE_JAR);
        JvmRun run = ForkedJvm.on(jdk)
                .agent("policy=" + POLICY)
                .main("-jar", SAMPLE_JAR.toString())
                .run();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(out.contains("TOOL-RAN kubectl_get monitoring"), run.describe());
        assertTrue(out.contains("TOOL-RAN sql_read"), run.describe());
        for (String refused : List.of("kubectl_delete", "shell_exec", "send_email", "sql_drop")) {
            assertTrue(out.contains("REFUSED " + refused + ": Toolgate denied tool '" + refused + "'"), run.describe());
        }
        for (String harm : List.of("kubectl_delete production", "shell_exec", "send_email attacker", "sql_drop")) {
            assertFalse(out.contains("TOOL-RAN " + harm), harm + " ran\n" + run.describe());
        }
        assertTrue(out.contains("production deployment still present: true"), run.describe());
        // The change agent: routine changes pass by rule; production deletion and outside mail need a person,
        // and with no approval channel configured they are refused.
        assertTrue(out.contains("TOOL-RAN kubectl_delete app-staging"), run.describe());
        assertTrue(out.contains("TOOL-RAN send_email ops@corp.example"), run.describe());
        assertTrue(
                out.contains(
                        "REFUSED kubectl_delete: Toolgate denied tool 'kubectl_delete' for role" + " 'change_agent'"),
                run.describe());
        assertTrue(out.contains("no approval channel is configured"), run.describe());
        assertEquals(
                1,
                run.decisionsAbout("kubectl_delete").stream()
                        .filter(line -> "auto".equals(line.text("approval_status")))
                        .count());
        assertEquals(
                1,
                run.audit(line -> "auto".equals(line.text("approval_status"))
                                && "tool_result".equals(line.eventType())
                                && "kubectl_delete".equals(line.tool()))
                        .size());
        assertTrue(out.contains("emails sent: 2"), run.describe());
        assertTrue(out.contains("credentials mailed out: false"), run.describe());
        assertTrue(out.contains("Audit log: " + run.auditFile()), run.describe());

        List<AuditLine> decisions = run.audit(line -> "decision".equals(line.eventType()));
        Set<String> sessions =
                decisions.stream().map(line -> line.text("session_id")).collect(Collectors.toSet());
        assertEquals(
                Set.of("benign-001", "injected-001", "data-001", "change-001", "mail-001", "runaway-001"), sessions);
        // The runaway loop is cut off at the role's max_api_calls (50); its other 150 calls are refused.
        assertTrue(out.contains("session runaway-001: 50 ran, 150 refused, 0 failed"), run.describe());
        assertTrue(
                out.contains("REFUSED prometheus_query: Toolgate denied tool 'prometheus_query' for role"
                        + " 'infrastructure_agent': budget max_api_calls of role 'infrastructure_agent' is spent (limit 50"
                        + " calls per session)"),
                run.describe());
        assertEquals(
                150,
                run.audit(line -> "budget_exceeded".equals(line.eventType())
                                && "runaway-001".equals(line.text("session_id")))
                        .size());
        AuditLine delete = run.decisionsAbout("kubectl_delete").get(0);
        assertEquals("deny", delete.decision());
        assertEquals("infrastructure_agent", delete.text("role"));
        assertEquals("delete", delete.text("risk_level"));
        assertEquals("roles.infrastructure_agent.denied_tools", delete.text("rule"));
        assertEquals("production", delete.json().get("params").get("namespace").asText());
        for (String field : List.of(
                "timestamp",
                "agent_id",
                "session_id",
                "event_type",
                "tool",
                "params",
                "result",
                "tokens_used",
                "risk_level",
                "approval_status",
                "decision",
                "reason",
                "role",
                "seq")) {
            assertTrue(delete.has(field), field + " missing from " + delete);
        }
        assertEquals("0", run.stopLine().text("internal_errors"));
    }
}
