package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.budgets.BudgetsApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Budgets and timeouts in a real JVM with the agent attached, on Java 17 and Java 25. */
class BudgetsIT {

    private static final String POLICY = """
            roles:
              looper:
                allowed_tools: [ping, slow_query, stubborn_query]
                resource_limits:
                  max_api_calls: 25
                  max_tokens: 1000
            tools:
              slow_query: {risk: read, call_timeout_ms: 300}
              stubborn_query: {risk: read, call_timeout_ms: 300}
            """;

    private static JvmRun run(Jdks.Jdk jdk, String scenario, String policy, String mode) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("budgets-" + scenario);
        Path file = Policies.write(dir, "policy.yaml", policy);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + file + ",mode=" + mode)
                .main(BudgetsApp.class.getName(), scenario)
                .run();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("DONE"), run.describe());
        assertEquals("0", run.stopLine().text("internal_errors"), run.describe());
        return run;
    }

    private static List<AuditLine> budgetEvents(JvmRun run) {
        return run.audit(line -> "budget_exceeded".equals(line.eventType()));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void aRunawayLoopIsCutOffExactlyAtItsLimit(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk, "runaway", POLICY, "enforce");
        assertTrue(run.stdout().contains("RAN 25 REFUSED 975"), run.describe());
        assertTrue(
                run.stdout()
                        .contains("FIRST-REFUSAL Toolgate denied tool 'ping' for role 'looper': budget"
                                + " max_api_calls of role 'looper' is spent (limit 25 calls per session): 25 calls used in session"
                                + " 'loop-1'"),
                run.describe());
        List<AuditLine> decisions = run.decisionsAbout("ping");
        assertEquals(
                25,
                decisions.stream()
                        .filter(line -> "allow".equals(line.decision()))
                        .count());
        assertEquals(
                975,
                decisions.stream()
                        .filter(line -> "deny".equals(line.decision()))
                        .count());
        List<AuditLine> exceeded = budgetEvents(run);
        assertEquals(975, exceeded.size());
        AuditLine first = exceeded.get(0);
        assertEquals("max_api_calls", first.text("budget"));
        assertEquals("25", first.text("limit"));
        assertEquals("25", first.text("session_calls"));
        assertEquals("loop-1", first.text("session_id"));
        assertEquals("roles.looper.resource_limits.max_api_calls", first.text("rule"));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void sixtyFourThreadsRacingGetExactlyTheLimit(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk, "race", POLICY, "enforce");
        assertTrue(run.stdout().contains("RAN 25 REFUSED 3175"), run.describe());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void inMonitorModeTheLoopRunsAndTheBudgetIsRecorded(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk, "runaway", POLICY, "monitor");
        assertTrue(run.stdout().contains("RAN 1000 REFUSED 0"), run.describe());
        List<AuditLine> exceeded = budgetEvents(run);
        assertEquals(975, exceeded.size());
        assertEquals("monitor", exceeded.get(0).text("mode"));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void callsPastTheirTimeoutAreInterruptedAndTheirLateResultsDiscarded(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk, "timeouts", POLICY, "enforce");
        String out = run.stdout();
        assertTrue(out.contains("BODY slow_query interrupted"), run.describe());
        assertTrue(out.contains("CALLER slow_query refused after"), run.describe());
        assertTrue(
                out.contains("Toolgate denied tool 'slow_query' for role 'looper': budget call_timeout_ms of role"
                        + " 'looper' is spent (limit 300 ms per call of tool 'slow_query')"),
                run.describe());
        assertTrue(out.contains("BODY stubborn_query done, saw interrupt: true"), run.describe());
        assertTrue(out.contains("CALLER stubborn_query refused after"), run.describe());
        assertFalse(out.contains("CALLER stubborn_query got stubborn result"), run.describe());
        assertTrue(out.contains("CALLER slow_query thread interrupted afterwards: false"), run.describe());
        assertTrue(out.contains("CALLER stubborn_query thread interrupted afterwards: false"), run.describe());
        assertTrue(out.contains("CALLER ping pong 1"), "the session goes on after the late result\n" + run.describe());

        List<AuditLine> stubborn = budgetEvents(run).stream()
                .filter(line -> "stubborn_query".equals(line.tool()))
                .toList();
        assertEquals(
                List.of("cut_off", "late_result"),
                stubborn.stream().map(line -> line.text("phase")).toList());
        assertEquals("discarded", stubborn.get(1).text("late_result"));
        assertEquals("2", stubborn.get(1).text("session_late_results"), "slow_query's, then stubborn_query's");
        AuditLine result = run.audit(
                        line -> "tool_result".equals(line.eventType()) && "stubborn_query".equals(line.tool()))
                .get(0);
        assertEquals("stubborn result", result.text("result"), "the late result itself is audited");
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void reportedTokensSpendTheTokenBudget(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk, "tokens", POLICY, "enforce");
        String out = run.stdout();
        assertTrue(out.contains("PING 2 ran"), run.describe());
        assertTrue(
                out.contains("PING 3 refused: Toolgate denied tool 'ping' for role 'looper': budget max_tokens of"
                        + " role 'looper' is spent (limit 1000 tokens per session): 1200 tokens used"),
                run.describe());
        List<String> tokens = run.decisionsAbout("ping").stream()
                .map(line -> line.text("tokens_used"))
                .toList();
        assertEquals(List.of("0", "400", "800", "1200", "1600"), tokens);
    }
}
