package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.conversations.ConversationScenario;
import dev.toolgate.e2e.apps.langchain4j.MemoryIdApp;
import dev.toolgate.e2e.apps.springai.ToolContextApp;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real LangChain4j and Spring AI apps serving conversations of two agents, with no Toolgate code and no
 * configured role: the role and session of every call come from LangChain4j's memory id or Spring AI's
 * ToolContext through the policy's pattern, and tokens from the models' reported usage, on Java 17 and 25.
 */
class ConversationBudgetsIT {

    static Stream<Arguments> appsAndJdks() {
        return Jdks.all()
                .flatMap(jdk -> Stream.of(
                        Arguments.of(jdk, MemoryIdApp.class.getName(), ""),
                        Arguments.of(jdk, MemoryIdApp.class.getName(), "concurrent"),
                        Arguments.of(jdk, ToolContextApp.class.getName(), "")));
    }

    @ParameterizedTest(name = "{1} {2} on {0}")
    @MethodSource("appsAndJdks")
    void rolesSessionsAndTokensComeFromTheFramework(Jdks.Jdk jdk, String app, String variant) throws Exception {
        Path dir = ForkedJvm.freshWorkDir(app.substring(app.lastIndexOf('.') + 1) + variant);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent(ConversationScenario.agentArgumentsFor(dir))
                .main(app, variant.isEmpty() ? new String[0] : new String[] {variant})
                .run();
        String out = run.stdout();
        String log = run.describe() + "\n--- audit\n"
                + String.join(
                        "\n", run.audit().stream().map(AuditLine::toString).toList());
        assertEquals(0, run.exitCode(), log);

        // Each agent's allowed tool ran for it, once; the data agent's budget stopped its second turn.
        assertTrue(out.contains("CONVERSATION infra-agent:session-001 ANSWER tool said: 3 pods running"), log);
        assertTrue(out.contains("CONVERSATION data-agent:session-002 ANSWER tool said: 42 orders"), log);
        assertTrue(
                out.contains("CONVERSATION data-agent:session-002 FAILED ModelCallDeniedException: Toolgate"
                        + " denied a model call for role 'data-agent': budget max_tokens of role 'data-agent' is spent"
                        + " (limit 250 tokens per session): 360 tokens used in session 'session-002'"),
                log);
        assertTrue(
                out.contains("CONVERSATION data-agent:session-003 ANSWER tool said: Toolgate denied tool"
                        + " 'kubectl_get' for role 'data-agent'"),
                "role from the memory id, not infra's\n" + log);
        // In the concurrent variant the model asks for each tool twice at once, run on LangChain4j's executor.
        int copies = variant.equals("concurrent") ? 2 : 1;
        assertEquals(copies, out.lines().filter("TOOL-RAN kubectl_get"::equals).count(), log);
        assertEquals(copies, out.lines().filter("TOOL-RAN sql_read"::equals).count(), log);
        if (copies > 1) {
            assertTrue(
                    out.lines().anyMatch(line -> line.startsWith("TOOL-THREAD ") && !line.equals("TOOL-THREAD main")),
                    "tools ran on other threads\n" + log);
        }

        List<AuditLine> kubectl = run.decisionsAbout("kubectl_get");
        assertEquals(2 * copies, kubectl.size(), log);
        for (int i = 0; i < copies; i++) {
            assertDecision(kubectl.get(i), "allow", "infra-agent", "session-001", "120");
            assertDecision(kubectl.get(copies + i), "deny", "data-agent", "session-003", "120");
        }
        List<AuditLine> sql = run.decisionsAbout("sql_read");
        assertEquals(2 * copies, sql.size(), log);
        for (int i = 0; i < copies; i++) {
            assertDecision(sql.get(i), "allow", "data-agent", "session-002", "120");
            assertDecision(sql.get(copies + i), "deny", "data-agent", "session-002", "360");
            assertEquals(
                    "roles.data-agent.resource_limits.max_tokens",
                    sql.get(copies + i).text("rule"),
                    log);
        }

        List<AuditLine> exceeded = run.audit(line -> "budget_exceeded".equals(line.eventType()));
        assertEquals(copies + 1, exceeded.size(), log);
        assertEquals("sql_read", exceeded.get(0).tool(), log);
        AuditLine modelCall = exceeded.get(copies);
        assertEquals("true", modelCall.text("model_call"), log);
        assertEquals("360", modelCall.text("session_tokens"), log);
        assertEquals("250", modelCall.text("limit"), log);
        assertEquals("0", run.stopLine().text("internal_errors"), log);
    }

    private static void assertDecision(AuditLine line, String decision, String role, String session, String tokens) {
        assertEquals(decision, line.decision(), line.toString());
        assertEquals(role, line.text("role"), line.toString());
        assertEquals(session, line.text("session_id"), line.toString());
        assertEquals(tokens, line.text("tokens_used"), line.toString());
    }
}
