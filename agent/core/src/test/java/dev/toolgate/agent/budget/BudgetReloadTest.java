package dev.toolgate.agent.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions, counts and tokens carry over a policy reload; changed limits apply to the counts so far. */
class BudgetReloadTest {

    @TempDir
    Path dir;

    private static String policy(String agentLimits) {
        return """
                roles:
                  agent:
                    allowed_tools: ["*"]
                    resource_limits: %s
                  other:
                    allowed_tools: ["*"]
                    resource_limits: {max_api_calls: 3}
                """.formatted(agentLimits);
    }

    private static Decision decide(CallStage stage, String role, String session) {
        return stage.apply(
                BudgetFixture.call(role, session, "t"), Decision.allow(RiskLevel.READ, "allowed", "roles." + role));
    }

    private Budgets.Version reload(BudgetFixture f, String yaml) throws Exception {
        Budgets.Version next = f.budgets.prepare(BudgetFixture.policy(dir, yaml));
        f.budgets.activate(next);
        return next;
    }

    @Test
    void countsGoOnWhenTheLimitsAreUnchanged() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, policy("{max_api_calls: 5}"));
        assertEquals(4, f.admitted(4, "agent", "s", "t", RiskLevel.READ));
        Budgets.Version next = reload(f, policy("{max_api_calls: 5}") + "tools: {t: {risk: read}}\n");
        assertTrue(decide(next.stage(), "agent", "s").allowed());
        assertFalse(decide(next.stage(), "agent", "s").allowed());
    }

    @Test
    void aLoweredLimitAppliesToTheCallsAlreadyMadeAndTokensCarryOver() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, policy("{max_api_calls: 10, max_tokens: 1000}"));
        assertEquals(4, f.admitted(4, "agent", "s", "t", RiskLevel.READ));
        Caller caller = new Caller("agent", "agent", "s");
        f.budgets.tokens().add(caller, 400);
        Budgets.Version next = reload(f, policy("{max_api_calls: 5, max_tokens: 500}"));
        assertEquals(400, next.tokens().used(caller));
        Decision fifth = decide(next.stage(), "agent", "s");
        assertTrue(fifth.allowed(), fifth.reason());
        Decision sixth = decide(next.stage(), "agent", "s");
        assertFalse(sixth.allowed());
        assertTrue(sixth.reason().contains("limit 5 calls"), sixth.reason());
        // The old version's stage, still held by calls that entered before the reload, counts in the same session.
        assertFalse(f.budgets
                .stage()
                .apply(BudgetFixture.call("agent", "s", "t"), Decision.allow(RiskLevel.READ, "allowed", "r"))
                .allowed());
        f.budgets.tokens().add(caller, 200);
        assertEquals(600, next.tokens().used(caller));
    }

    @Test
    void aRaisedLimitAdmitsMoreAndARemovedRoleKeepsItsSessionForItsReturn() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, policy("{max_api_calls: 2}"));
        assertEquals(2, f.admitted(3, "agent", "s", "t", RiskLevel.READ));
        assertEquals(3, f.admitted(4, "other", "o", "t", RiskLevel.READ));
        Budgets.Version raised = reload(f, policy("{max_api_calls: 4}"));
        assertTrue(decide(raised.stage(), "agent", "s").allowed());

        Budgets.Version without = reload(f, """
                roles:
                  agent:
                    allowed_tools: ["*"]
                    resource_limits: {max_api_calls: 4}
                """);
        // No budget for a role the policy lacks; permission refuses its calls before budgets are asked.
        assertTrue(decide(without.stage(), "other", "o").allowed());
        Budgets.Version back = reload(f, policy("{max_api_calls: 4}"));
        assertFalse(decide(back.stage(), "other", "o").allowed(), "the session's 3 calls still count");
    }

    @Test
    void aReloadUnderConcurrentCallsLosesNoCount() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, policy("{max_api_calls: 100000}"));
        int threads = 8;
        int perThread = 5_000;
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    if (decide(f.budgets.stage(), "agent", "shared").allowed()) {
                        admitted.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        for (int i = 0; i < 20; i++) {
            reload(f, policy("{max_api_calls: " + (100000 + i + 1) + "}"));
            Thread.sleep(2);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(threads * perThread, admitted.get());
        SessionState session = sessionOf(f, "agent", "shared");
        assertEquals(threads * perThread, session.calls());
    }

    private static SessionState sessionOf(BudgetFixture f, String role, String session) {
        return f.budgets.current().plan().forRole(role) == null
                ? null
                : f.budgets
                        .current()
                        .sessions()
                        .existing(f.budgets.current().plan().forRole(role), session);
    }
}
