package dev.toolgate.agent.budget;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One running call with a per-call timeout. The tool's thread and the watchdog race to end it: the thread by
 * finishing ({@link #finish}), the watchdog by reaching the deadline ({@link #claimForFiring}). A
 * compare-and-set decides, so a call is either finished in time or cut off, never both.
 */
final class CallWatch {

    private static final int ARMED = 0;
    private static final int FIRING = 1;
    private static final int FIRED = 2;
    private static final int FINISHED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CallWatch.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    final ToolCall call;
    final Decision decision;
    final RoleBudget budget;
    final SessionState session;
    final long startNanos;
    final long deadlineNanos;
    final long timeoutMs;
    final String rule;
    private volatile int state;

    CallWatch(
            Thread thread,
            ToolCall call,
            Decision decision,
            RoleBudget budget,
            SessionState session,
            long startNanos,
            long timeoutMs,
            String rule) {
        this.thread = thread;
        this.call = call;
        this.decision = decision;
        this.budget = budget;
        this.session = session;
        this.startNanos = startNanos;
        this.timeoutMs = timeoutMs;
        this.deadlineNanos = startNanos + timeoutMs * 1_000_000L;
        this.rule = rule;
    }

    /** Watchdog: takes the call for cutting off; false when it already finished. */
    boolean claimForFiring() {
        return STATE.compareAndSet(this, ARMED, FIRING);
    }

    /** Watchdog: the interrupt (if any) has been delivered. */
    void fired() {
        state = FIRED;
    }

    /**
     * Tool thread, as the call ends: true when the watchdog cut it off. Waits, if need be, until the watchdog has
     * delivered its interrupt, so that the caller can clear it and no stray interrupt outlives the call.
     */
    boolean finish() {
        if (STATE.compareAndSet(this, ARMED, FINISHED)) {
            return false;
        }
        while (state != FIRED) {
            Thread.onSpinWait();
        }
        return true;
    }

    boolean finished() {
        return state == FINISHED;
    }

    /** The budget this call ran out of, as a denial states it. */
    Exhaustion exhaustion(long elapsedMs) {
        return new Exhaustion(
                "call_timeout_ms",
                rule,
                timeoutMs,
                elapsedMs,
                "ms",
                "per call of tool '" + call.tool().name() + "'");
    }
}
