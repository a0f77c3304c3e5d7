package dev.toolgate.e2e.apps;

import static dev.toolgate.e2e.apps.SqlScenario.ANSWER;
import static dev.toolgate.e2e.apps.SqlScenario.DROP_RESULT;
import static dev.toolgate.e2e.apps.SqlScenario.DROP_TOOL;
import static dev.toolgate.e2e.apps.SqlScenario.FINAL_ANSWER;
import static dev.toolgate.e2e.apps.SqlScenario.READ_RESULT;
import static dev.toolgate.e2e.apps.SqlScenario.READ_TOOL;
import static dev.toolgate.e2e.apps.SqlScenario.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.AuditLine;
import dev.toolgate.e2e.JvmRun;
import java.util.List;
import java.util.Map;

/** What a run of the {@link SqlScenario} must show, with and without Toolgate attached. */
public final class SqlScenarioAssertions {

    /** The start of Toolgate's refusal, as the model must receive it. */
    public static final String REFUSAL = "Toolgate denied tool '" + DROP_TOOL + "' for role '" + ROLE + "'";

    private SqlScenarioAssertions() {}

    /** The read ran, the drop was refused before its body, the model was told why, and the audit says so. */
    public static void assertDropRefusedAndReadAllowed(JvmRun run) {
        String log = run.describe();
        assertEquals(0, run.exitCode(), "the app must finish normally\n" + log);
        assertTrue(SqlScenario.toolRanIn(run.stdout(), READ_TOOL), "the allowed tool's body must run\n" + log);
        assertFalse(SqlScenario.toolRanIn(run.stdout(), DROP_TOOL), "the denied tool's body must not run\n" + log);

        Map<String, String> seen = SqlScenario.modelSawByTool(run.stdout());
        assertTrue(
                seen.getOrDefault(READ_TOOL, "").contains(READ_RESULT),
                "the model must receive the allowed tool's result\n" + log);
        assertTrue(
                seen.getOrDefault(DROP_TOOL, "").contains(REFUSAL),
                "the model must receive Toolgate's refusal as the denied tool's result\n" + log);
        assertTrue(run.stdout().contains(ANSWER + FINAL_ANSWER), "the conversation must reach its answer\n" + log);

        String audit =
                "\n--- audit\n" + run.audit().stream().map(AuditLine::toString).reduce("", (a, b) -> a + b + "\n");
        List<AuditLine> dropDecisions = run.decisionsAbout(DROP_TOOL);
        assertEquals(1, dropDecisions.size(), "one decision about the denied tool" + audit);
        assertEquals("deny", dropDecisions.get(0).decision(), audit);
        List<AuditLine> readDecisions = run.decisionsAbout(READ_TOOL);
        assertEquals(1, readDecisions.size(), "one decision about the allowed tool" + audit);
        assertEquals("allow", readDecisions.get(0).decision(), audit);
        assertEquals(1, toolResults(run, READ_TOOL).size(), "the allowed tool's result must be audited" + audit);
        assertEquals(0, toolResults(run, DROP_TOOL).size(), "a refused tool has no result" + audit);

        AuditLine stop = run.stopLine();
        assertEquals("0", stop.text("internal_errors"), "agent_stop: " + stop + "\n" + log);
        assertEquals("0", stop.text("instrumentation_errors"), "agent_stop: " + stop + "\n" + log);
    }

    /** Without Toolgate both bodies run and the model sees the drop succeed: the gated assertions can fail. */
    public static void assertBothToolsRan(JvmRun run) {
        String log = run.describe();
        assertEquals(0, run.exitCode(), log);
        assertNull(run.auditFile(), "no agent, no audit\n" + log);
        assertTrue(SqlScenario.toolRanIn(run.stdout(), READ_TOOL), log);
        assertTrue(SqlScenario.toolRanIn(run.stdout(), DROP_TOOL), "without the agent the drop runs\n" + log);
        Map<String, String> seen = SqlScenario.modelSawByTool(run.stdout());
        assertTrue(seen.getOrDefault(DROP_TOOL, "").contains(DROP_RESULT), log);
        assertFalse(run.stdout().contains("Toolgate denied"), log);
    }

    private static List<AuditLine> toolResults(JvmRun run, String tool) {
        return run.audit(line -> "tool_result".equals(line.eventType()) && tool.equals(line.tool()));
    }
}
