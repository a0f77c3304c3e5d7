package dev.toolgate.agent.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.bootstrap.ModelCallDeniedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetStageTest {

    @TempDir
    Path dir;

    private BudgetFixture fixture(String limits) throws Exception {
        return new BudgetFixture(dir, """
                roles:
                  agent:
                    allowed_tools: ["*"]
                    resource_limits:
                """ + limits.indent(6) + """
                  other:
                    allowed_tools: ["*"]
                """);
    }

    @Test
    void maxApiCallsAdmitsExactlyTheLimitThenNamesBudgetAndLimit() throws Exception {
        BudgetFixture f = fixture("max_api_calls: 5");
        assertEquals(5, f.admitted(5, "agent", "s1", "t", RiskLevel.READ));
        Decision refused = f.decide("agent", "s1", "t");
        assertFalse(refused.allowed());
        assertEquals("roles.agent.resource_limits.max_api_calls", refused.rule());
        assertEquals(
                "budget max_api_calls of role 'agent' is spent (limit 5 calls per session): 5 calls used in"
                        + " session 's1'",
                refused.reason());
        assertEquals(RiskLevel.READ, refused.risk());

        List<AuditEvent> events = f.audit.budgetEvents();
        assertEquals(1, events.size());
        AuditEvent event = events.get(0);
        assertEquals("max_api_calls", event.details().get("budget"));
        assertEquals(5L, event.details().get("limit"));
        assertEquals(5L, event.details().get("used"));
        assertEquals(5L, event.details().get("session_calls"));
        assertEquals("refused", event.details().get("phase"));
        assertEquals("s1", event.caller().sessionId());
        assertEquals("t", event.tool().name());
        assertEquals(refused, event.decision());
    }

    @Test
    void refusedCallsAreNotCountedAndEachSessionAndRoleHasItsOwnBudget() throws Exception {
        BudgetFixture f = fixture("max_api_calls: 2");
        assertEquals(2, f.admitted(10, "agent", "s1", "t", RiskLevel.READ));
        assertEquals(2, f.admitted(10, "agent", "s2", "t", RiskLevel.READ));
        assertEquals(10, f.admitted(10, "other", "s1", "t", RiskLevel.READ), "role without limits");
        assertEquals(16, f.audit.budgetEvents().size(), "one budget_exceeded event per refused call");
        assertEquals(2L, f.audit.budgetEvents().get(15).details().get("session_calls"));
    }

    @Test
    void perRiskAndPerToolBudgets() throws Exception {
        BudgetFixture f = fixture("""
                max_calls_per_risk: {delete: 3}
                max_calls_per_tool: {"kubectl_*": 4, send_email: 1}
                """);
        assertEquals(3, f.admitted(10, "agent", "s", "sql_drop", RiskLevel.DELETE));
        Decision refused = f.decide("agent", "s", "rm", RiskLevel.DELETE);
        assertEquals("roles.agent.resource_limits.max_calls_per_risk.delete", refused.rule());
        assertTrue(refused.reason().contains("limit 3 calls delete per session"), refused.reason());
        assertEquals(5, f.admitted(5, "agent", "s", "sql_read", RiskLevel.READ), "reads are not limited");

        assertEquals(2, f.admitted(2, "agent", "s", "kubectl_get", RiskLevel.READ));
        assertEquals(
                2,
                f.admitted(5, "agent", "s", "kubectl_apply", RiskLevel.MODIFY),
                "a pattern counts the tools it matches together");
        assertEquals(
                "roles.agent.resource_limits.max_calls_per_tool.kubectl_*",
                f.decide("agent", "s", "kubectl_get").rule());
        assertEquals(1, f.admitted(3, "agent", "s", "send_email", RiskLevel.EXTERNAL));
    }

    @Test
    void aCallRefusedByOneBudgetTakesNothingFromTheOthers() throws Exception {
        BudgetFixture f = fixture("""
                max_api_calls: 6
                max_calls_per_tool: {t: 2}
                """);
        assertEquals(2, f.admitted(10, "agent", "s", "t", RiskLevel.READ));
        assertEquals(
                4,
                f.admitted(10, "agent", "s", "u", RiskLevel.READ),
                "refused calls of t must not have used up max_api_calls");
    }

    @Test
    void slidingWindowRateLimit() throws Exception {
        BudgetFixture f = fixture("""
                rate_limits:
                  - {calls: 3, per_seconds: 60, risk: external}
                """);
        assertEquals(3, f.admitted(3, "agent", "s", "mail", RiskLevel.EXTERNAL));
        Decision refused = f.decide("agent", "s", "mail", RiskLevel.EXTERNAL);
        assertEquals("roles.agent.resource_limits.rate_limits[0]", refused.rule());
        assertEquals(
                "budget rate_limits[0] of role 'agent' is spent (limit 3 external calls per 60 s): 3 external"
                        + " calls used in session 's'",
                refused.reason());
        assertTrue(f.decide("agent", "s", "read", RiskLevel.READ).allowed(), "other risks are not counted");

        f.clock.advanceSeconds(59.9);
        assertFalse(f.decide("agent", "s", "mail", RiskLevel.EXTERNAL).allowed(), "still inside the window");
        f.clock.advanceSeconds(0.1);
        assertEquals(3, f.admitted(5, "agent", "s", "mail", RiskLevel.EXTERNAL), "the window slid by");

        // Sliding, not fixed: one call every 20 s keeps exactly three in any minute.
        f.clock.advanceSeconds(60);
        for (int i = 0; i < 10; i++) {
            assertTrue(f.decide("agent", "s", "mail", RiskLevel.EXTERNAL).allowed(), "call " + i);
            if (i >= 2) {
                assertFalse(f.decide("agent", "s", "mail", RiskLevel.EXTERNAL).allowed(), "a fourth call in 60 s");
            }
            f.clock.advanceSeconds(20);
        }
    }

    @Test
    void sessionWallClockBudgetCountsFromTheFirstCall() throws Exception {
        BudgetFixture f = fixture("timeout_seconds: 300");
        f.clock.advanceSeconds(1_000);
        assertTrue(f.decide("agent", "s", "t").allowed(), "the clock starts at the first call, not before");
        f.clock.advanceSeconds(299);
        assertTrue(f.decide("agent", "s", "t").allowed());
        f.clock.advanceSeconds(1);
        Decision refused = f.decide("agent", "s", "t");
        assertEquals("roles.agent.resource_limits.timeout_seconds", refused.rule());
        assertTrue(
                refused.reason()
                        .startsWith("budget timeout_seconds of role 'agent' is spent (limit 300 s per"
                                + " session): 300 s used"),
                refused.reason());
        assertTrue(f.decide("agent", "fresh", "t").allowed(), "another session has its own clock");
    }

    @Test
    void aClockThatStepsBackNeitherReopensAWindowNorExtendsASession() throws Exception {
        BudgetFixture f = fixture("""
                timeout_seconds: 100
                rate_limits: [{calls: 1, per_seconds: 10}]
                """);
        assertTrue(f.decide("agent", "s", "t").allowed());
        f.clock.advanceSeconds(5);
        assertFalse(f.decide("agent", "s", "t").allowed());
        f.clock.advanceSeconds(-3_600);
        assertFalse(f.decide("agent", "s", "t").allowed(), "an hour back must not reopen the window");
        f.clock.advanceSeconds(3_600 + 5);
        assertTrue(f.decide("agent", "s", "t").allowed(), "ten seconds of the session's own time have passed");
        f.clock.advanceSeconds(90);
        assertFalse(f.decide("agent", "s", "t").allowed(), "100 s after the first call");
        f.clock.advanceSeconds(-50);
        Decision refused = f.decide("agent", "s", "t");
        assertEquals(
                "roles.agent.resource_limits.timeout_seconds",
                refused.rule(),
                "stepping back must not give the session time again");
    }

    @Test
    void tokensSpentRefuseTheNextToolCallAndOptionallyModelCalls() throws Exception {
        BudgetFixture f = fixture("""
                max_tokens: 1000
                deny_model_calls: true
                """);
        Caller caller = new Caller("agent", "agent", "s");
        TokenAccounts tokens = f.budgets.tokens();
        f.decide("agent", "s", "t");
        tokens.add(caller, 600);
        tokens.beforeModelCall(caller);
        assertTrue(f.decide("agent", "s", "t").allowed());
        tokens.add(caller, 400);
        assertEquals(1000, tokens.used(caller));
        Decision refused = f.decide("agent", "s", "t");
        assertEquals(
                "budget max_tokens of role 'agent' is spent (limit 1000 tokens per session): 1000 tokens used"
                        + " in session 's'",
                refused.reason());
        ModelCallDeniedException denied =
                assertThrows(ModelCallDeniedException.class, () -> tokens.beforeModelCall(caller));
        assertTrue(
                denied.getMessage().startsWith("Toolgate denied a model call for role 'agent': budget max_tokens"),
                denied.getMessage());
        AuditEvent modelEvent = f.audit.budgetEvents().get(1);
        assertEquals(Boolean.TRUE, modelEvent.details().get("model_call"));
        assertEquals(1000L, modelEvent.tokensUsed());
        assertNull(modelEvent.tool());

        assertEquals(0, tokens.used(new Caller("agent", "agent", "other")));
        tokens.add(new Caller("agent", "nobody", "s"), 10);
        tokens.add(new Caller("agent", null, "s"), 10);
        assertEquals(1000, tokens.used(caller), "tokens of unknown roles count nowhere");
    }

    @Test
    void withoutDenyModelCallsModelCallsGoOn() throws Exception {
        BudgetFixture f = fixture("max_tokens: 10");
        Caller caller = new Caller("agent", "agent", "s");
        f.budgets.tokens().add(caller, 50);
        f.budgets.tokens().beforeModelCall(caller);
        assertFalse(f.decide("agent", "s", "t").allowed());
    }

    @Test
    void monitorModeRefusesInDecisionsOnlyAndNeverThrows() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, """
                roles:
                  agent:
                    allowed_tools: ["*"]
                    resource_limits: {max_api_calls: 1, max_tokens: 5, deny_model_calls: true}
                """, Mode.MONITOR);
        assertTrue(f.decide("agent", "s", "t").allowed());
        assertFalse(f.decide("agent", "s", "t").allowed(), "the gate runs it anyway in monitor mode");
        Caller caller = new Caller("a", "agent", "s");
        f.budgets.tokens().add(caller, 10);
        f.budgets.tokens().beforeModelCall(caller);
        assertEquals(2, f.audit.budgetEvents().size());
        assertEquals(Mode.MONITOR, f.audit.budgetEvents().get(1).mode());
    }

    @Test
    void hugeAndNullSessionIdsAreBoundedAndDistinct() throws Exception {
        BudgetFixture f = fixture("max_api_calls: 1");
        String huge = "x".repeat(2_000_000);
        String otherHuge = huge.substring(1) + "y";
        assertTrue(f.decide("agent", huge, "t").allowed());
        assertFalse(f.decide("agent", huge, "t").allowed());
        assertFalse(f.decide("agent", new String(huge), "t").allowed(), "equal ids are one session");
        assertTrue(f.decide("agent", otherHuge, "t").allowed(), "ids differing at the end are two sessions");
        Decision refused = f.decide("agent", otherHuge, "t");
        assertTrue(
                refused.reason().length() < 300,
                "the reason stays short: " + refused.reason().length());
        assertTrue(refused.reason().contains("(2000000 chars)"), refused.reason());
        assertTrue(SessionKeys.keyOf(huge).length() <= SessionKeys.MAX_KEY_CHARS);

        assertTrue(f.decide("agent", null, "t").allowed());
        assertFalse(f.decide("agent", null, "t").allowed(), "calls without a session share one budget");
        assertTrue(f.decide("agent", "", "t").allowed(), "an empty id is a session of its own");
    }

    @Test
    void liveSessionsAreCappedAndIdleOnesExpire() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, """
                roles:
                  agent: {allowed_tools: ["*"], resource_limits: {max_api_calls: 1}}
                sessions: {max_live: 3, idle_expiry_seconds: 60}
                """);
        for (String session : List.of("a", "b", "c")) {
            assertTrue(f.decide("agent", session, "t").allowed());
        }
        Decision refused = f.decide("agent", "d", "t");
        assertEquals("sessions.max_live", refused.rule());
        assertTrue(refused.reason().contains("limit 3 sessions in this JVM"), refused.reason());
        assertFalse(f.decide("agent", "a", "t").allowed(), "a live session keeps its count");

        f.clock.advanceSeconds(30);
        f.decide("agent", "a", "t");
        f.clock.advanceSeconds(31);
        f.budgets.runDue(f.clock.nanoTime());
        assertEquals(1, f.budgets.liveSessions(), "b and c idle for 61 s, a for 31 s");
        assertTrue(f.decide("agent", "d", "t").allowed());
        assertFalse(f.decide("agent", "a", "t").allowed());
        assertTrue(f.decide("agent", "b", "t").allowed(), "an expired session starts afresh");
    }
}
