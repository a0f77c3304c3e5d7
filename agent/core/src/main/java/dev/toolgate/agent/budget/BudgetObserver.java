package dev.toolgate.agent.budget;

import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.bootstrap.ToolCallDeniedException;
import java.util.Map;

/**
 * Per-call timeouts, on the exit path. A call of a tool with a {@code call_timeout_ms} is handed to the
 * scheduler as it starts. At the deadline the scheduler records a {@code budget_exceeded} event
 * ({@code phase: cut_off}), marks the session and, in enforce mode, interrupts the tool's thread. When the call
 * then ends, however it ends, its result or exception is recorded as usual, then discarded: the call fails with a
 * {@link ToolCallDeniedException} naming the budget, the interrupt is cleared, and a second event
 * ({@code phase: late_result}) says how late it came. Until then the session's further calls are refused. In
 * monitor mode nothing is interrupted or discarded; both events are written.
 */
final class BudgetObserver implements CallObserver {

    private final BudgetPlan plan;
    private final SessionTable sessions;
    private final BudgetScheduler scheduler;
    private final BudgetClock clock;
    private final BudgetEvents events;
    private final Mode mode;

    BudgetObserver(
            BudgetPlan plan,
            SessionTable sessions,
            BudgetScheduler scheduler,
            BudgetClock clock,
            BudgetEvents events,
            Mode mode) {
        this.plan = plan;
        this.sessions = sessions;
        this.scheduler = scheduler;
        this.clock = clock;
        this.events = events;
        this.mode = mode;
    }

    @Override
    public Object started(ToolCall call, Decision decision) {
        RoleBudget budget = plan.forRole(call.caller().role());
        if (budget == null) {
            return null;
        }
        RoleBudget.Applicable applicable = budget.applicableTo(call.tool().name(), decision.risk());
        if (!applicable.timed()) {
            return null;
        }
        CallWatch watch = new CallWatch(
                Thread.currentThread(),
                call,
                decision,
                budget,
                sessions.existing(budget, call.caller().sessionId()),
                clock.nanoTime(),
                applicable.callTimeoutMs(),
                applicable.callTimeoutRule());
        scheduler.watch(watch);
        return watch;
    }

    /** Scheduler thread: the call reached its deadline. */
    void cutOff(CallWatch watch) {
        Exhaustion spent = watch.exhaustion(elapsedMs(watch));
        if (watch.session != null) {
            watch.session.overrunStarted(spent);
        }
        events.record(
                "cut_off",
                watch.call.caller(),
                watch.call.tool(),
                cutOffDecision(watch, spent),
                spent,
                watch.session,
                Map.of("interrupted", mode == Mode.ENFORCE));
        if (mode == Mode.ENFORCE) {
            watch.thread.interrupt();
        }
    }

    @Override
    public Throwable ending(ToolCall call, Object startToken, Object result, Throwable thrown) {
        if (!(startToken instanceof CallWatch watch) || !watch.finish()) {
            return thrown;
        }
        long elapsed = elapsedMs(watch);
        Exhaustion spent = watch.exhaustion(elapsed);
        boolean discard = mode == Mode.ENFORCE;
        if (discard) {
            // The interrupt was the watchdog's; it must not leak into the caller's code.
            Thread.interrupted();
        }
        if (watch.session != null) {
            watch.session.overrunEnded(discard);
        }
        events.record(
                "late_result",
                call.caller(),
                call.tool(),
                cutOffDecision(watch, spent),
                spent,
                watch.session,
                Map.of(
                        "late_result",
                        discard ? "discarded" : "kept (monitor mode)",
                        "late_outcome",
                        thrown == null
                                ? "returned"
                                : "threw " + thrown.getClass().getName()));
        if (!discard) {
            return thrown;
        }
        return new ToolCallDeniedException(
                call.tool().name(),
                call.caller().role(),
                spent.reason(call.caller().role(), call.caller().sessionId()) + "; the call was interrupted at its"
                        + " deadline and what it returned after " + elapsed + " ms was discarded");
    }

    @Override
    public void completed(ToolCall call, Decision decision, Object result, Throwable thrown, long durationNanos) {
        // Counting happens on entry (BudgetStage); timeouts are settled in ending().
    }

    private Decision cutOffDecision(CallWatch watch, Exhaustion spent) {
        return watch.decision.then(
                dev.toolgate.agent.decision.Outcome.DENY,
                spent.reason(watch.call.caller().role(), watch.call.caller().sessionId()),
                spent.rule());
    }

    private long elapsedMs(CallWatch watch) {
        return Math.max(0, (clock.nanoTime() - watch.startNanos) / 1_000_000);
    }
}
