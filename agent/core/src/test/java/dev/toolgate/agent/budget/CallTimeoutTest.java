package dev.toolgate.agent.budget;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.bootstrap.ToolCallDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-call timeouts with the real scheduler thread, driven the way the gate drives the observer. */
class CallTimeoutTest {

    private static final String POLICY = """
            roles:
              agent:
                allowed_tools: ["*"]
                resource_limits: {max_api_calls: 100}
            tools:
              slow: {risk: read, call_timeout_ms: 150}
            """;

    @TempDir
    Path dir;

    private final BudgetFixture.RecordingAuditLog audit = new BudgetFixture.RecordingAuditLog();
    private Budgets budgets;

    private Budgets start(Mode mode) throws Exception {
        budgets = Budgets.start(BudgetFixture.policy(dir, POLICY), audit, mode);
        return budgets;
    }

    @AfterEach
    void stop() {
        if (budgets != null) {
            budgets.stop();
        }
        Thread.interrupted();
    }

    /** What the gate does around a tool body: stage, started, body, ending. */
    private Throwable run(ToolCall call, ThrowingBody body) {
        Decision decision = budgets.stage().apply(call, Decision.allow(RiskLevel.READ, "ok", "roles.agent"));
        assertTrue(decision.allowed(), decision.reason());
        CallObserver observer = budgets.observer();
        Object token = observer.started(call, decision);
        Object result = null;
        Throwable thrown = null;
        try {
            result = body.run();
        } catch (Throwable t) {
            thrown = t;
        }
        return observer.ending(call, token, result, thrown);
    }

    interface ThrowingBody {
        Object run() throws Exception;
    }

    @Test
    void aToolThatHonoursTheInterruptIsCutOffAtItsDeadline() throws Exception {
        start(Mode.ENFORCE);
        long started = System.nanoTime();
        Throwable outcome = run(BudgetFixture.call("agent", "s", "slow"), () -> {
            Thread.sleep(10_000);
            return "too late";
        });
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs >= 150 && tookMs < 5_000, "cut off at the deadline, took " + tookMs + " ms");
        ToolCallDeniedException denied = assertInstanceOf(ToolCallDeniedException.class, outcome);
        assertTrue(
                denied.getMessage()
                        .startsWith("Toolgate denied tool 'slow' for role 'agent': budget"
                                + " call_timeout_ms of role 'agent' is spent (limit 150 ms per call of tool 'slow')"),
                denied.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt must not leak");

        List<AuditEvent> events = audit.budgetEvents();
        assertEquals(
                List.of("cut_off", "late_result"),
                events.stream().map(e -> e.details().get("phase")).toList());
        assertEquals("tools.slow.call_timeout_ms", events.get(0).decision().rule());
        assertEquals(Boolean.TRUE, events.get(0).details().get("interrupted"));
        assertEquals("discarded", events.get(1).details().get("late_result"));
        assertEquals(
                "threw java.lang.InterruptedException", events.get(1).details().get("late_outcome"));
        assertTrue(run(BudgetFixture.call("agent", "s", "fast"), () -> "ok") == null, "the session goes on");
    }

    @Test
    void aToolThatIgnoresInterruptsHasItsLateResultDiscardedAndItsSessionRefusesCallsMeanwhile() throws Exception {
        start(Mode.ENFORCE);
        java.util.concurrent.CountDownLatch cutOff = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<Throwable> outcome = new ArrayList<>();
        Thread tool = new Thread(() -> outcome.add(run(BudgetFixture.call("agent", "s", "slow"), () -> {
            long until = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < until && release.getCount() > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    cutOff.countDown();
                }
                Thread.onSpinWait();
            }
            return "late result";
        })));
        tool.start();
        assertTrue(cutOff.await(5, java.util.concurrent.TimeUnit.SECONDS), "the watchdog interrupted the tool");

        Decision meanwhile = budgets.stage()
                .apply(BudgetFixture.call("agent", "s", "other"), Decision.allow(RiskLevel.READ, "ok", "roles.agent"));
        assertFalse(meanwhile.allowed(), "the session is marked while the call runs on");
        assertTrue(meanwhile.reason().contains("1 call(s) still running past their call timeout"), meanwhile.reason());
        assertTrue(
                budgets.stage()
                        .apply(
                                BudgetFixture.call("agent", "other-session", "x"),
                                Decision.allow(RiskLevel.READ, "ok", "roles.agent"))
                        .allowed(),
                "other sessions are not");

        release.countDown();
        tool.join(5_000);
        ToolCallDeniedException denied = assertInstanceOf(ToolCallDeniedException.class, outcome.get(0));
        assertTrue(denied.getMessage().contains("was discarded"), denied.getMessage());
        AuditEvent late = audit.budgetEvents().stream()
                .filter(e -> "late_result".equals(e.details().get("phase")))
                .findFirst()
                .orElseThrow();
        assertEquals("returned", late.details().get("late_outcome"));
        assertEquals(1, late.details().get("session_late_results"));
        assertTrue(
                budgets.stage()
                        .apply(
                                BudgetFixture.call("agent", "s", "other"),
                                Decision.allow(RiskLevel.READ, "ok", "roles.agent"))
                        .allowed(),
                "the mark goes with the call");
    }

    @Test
    void inMonitorModeNothingIsInterruptedOrDiscarded() throws Exception {
        start(Mode.MONITOR);
        Throwable outcome = run(BudgetFixture.call("agent", "s", "slow"), () -> {
            Thread.sleep(400);
            return "kept";
        });
        assertNull(outcome);
        List<AuditEvent> events = audit.budgetEvents();
        assertEquals(
                List.of("cut_off", "late_result"),
                events.stream().map(e -> e.details().get("phase")).toList());
        assertEquals(Boolean.FALSE, events.get(0).details().get("interrupted"));
        assertEquals("kept (monitor mode)", events.get(1).details().get("late_result"));
    }

    @Test
    void callsThatEndInTimeAreLeftAloneAndForgotten() throws Exception {
        start(Mode.ENFORCE);
        IllegalStateException own = new IllegalStateException("tool failed");
        for (int i = 0; i < 2_000; i++) {
            assertNull(run(BudgetFixture.call("agent", "s" + (i % 100), "slow"), () -> "fast"));
        }
        assertSame(
                own,
                run(BudgetFixture.call("agent", "s", "slow"), () -> {
                    throw own;
                }),
                "the tool's own exception passes unchanged");
        assertEquals(List.of(), audit.budgetEvents());
        await().atMost(Duration.ofSeconds(5)).until(() -> budgets.watchedCalls() == 0);
    }

    @Test
    void aToolThatStartsThreadsAndReturnsAtOnceIsCountedOnceAndLeavesNothingBehind() throws Exception {
        start(Mode.ENFORCE);
        AtomicInteger innerAdmitted = new AtomicInteger();
        List<Thread> spawned = new ArrayList<>();
        Throwable outcome = run(BudgetFixture.call("agent", "s", "slow"), () -> {
            for (int i = 0; i < 10; i++) {
                Thread worker = new Thread(() -> {
                    try {
                        Thread.sleep(300); // outlives the call and its deadline
                    } catch (InterruptedException e) {
                        throw new AssertionError("the watchdog interrupted a thread that is not the tool's", e);
                    }
                    if (budgets.stage()
                            .apply(
                                    BudgetFixture.call("agent", "s", "inner"),
                                    Decision.allow(RiskLevel.READ, "ok", "roles.agent"))
                            .allowed()) {
                        innerAdmitted.incrementAndGet();
                    }
                });
                spawned.add(worker);
                worker.start();
            }
            return "started 10 workers";
        });
        assertNull(outcome, "the call itself ended in time");
        for (Thread worker : spawned) {
            worker.join(5_000);
        }
        assertEquals(10, innerAdmitted.get());
        assertEquals(List.of(), audit.budgetEvents());
        Decision next = budgets.stage()
                .apply(BudgetFixture.call("agent", "s", "count"), Decision.allow(RiskLevel.READ, "ok", "roles.agent"));
        assertTrue(next.allowed());
        await().atMost(Duration.ofSeconds(5)).until(() -> budgets.watchedCalls() == 0);
        assertEquals(1, budgets.liveSessions());
    }
}
