package dev.toolgate.agent.budget;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The budget state of one session of one role. Lock-free: a call is admitted by one compare-and-set that
 * replaces the whole array of counts (the role's counters, then the sliding windows' call numbers), so either
 * every limit the call counts against takes it or none does, and concurrent calls can neither overshoot a limit
 * nor be refused while a slot is free. Only calls of the same session ever compete for it.
 */
final class SessionState {

    /** Counts of a session the idle sweep removed; a call that finds it looks the session up again. */
    static final long[] RETIRED = new long[0];

    private static final VarHandle COUNTS;
    private static final VarHandle TOKENS;
    private static final VarHandle LAST_SEEN;
    private static final VarHandle OVERRUNNING;
    private static final VarHandle LATE_RESULTS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNTS = lookup.findVarHandle(SessionState.class, "counts", long[].class);
            TOKENS = lookup.findVarHandle(SessionState.class, "tokens", long.class);
            LAST_SEEN = lookup.findVarHandle(SessionState.class, "lastSeenNanos", long.class);
            OVERRUNNING = lookup.findVarHandle(SessionState.class, "overrunning", int.class);
            LATE_RESULTS = lookup.findVarHandle(SessionState.class, "lateResults", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long startNanos;
    private final WindowLog[] windows;
    private volatile long[] counts;
    private volatile long tokens;
    /** The latest time any call of the session saw: its clock never runs backwards, and idle time counts from it. */
    private volatile long lastSeenNanos;
    /** Calls still running past their timeout. */
    private volatile int overrunning;
    /** The timeout of the last call that overran, for the denial while it runs on. */
    private volatile Exhaustion lastOverrun;
    /** Calls whose late result was discarded; only grows. */
    private volatile int lateResults;

    SessionState(RoleBudget budget, long nowNanos) {
        this.startNanos = nowNanos;
        this.lastSeenNanos = nowNanos;
        this.counts = new long[budget.counterCount() + budget.windowCount()];
        if (budget.windowCount() == 0) {
            this.windows = null;
        } else {
            this.windows = new WindowLog[budget.windowCount()];
            for (int i = 0; i < windows.length; i++) {
                windows[i] = new WindowLog(budget.window(i).calls());
            }
        }
    }

    /**
     * Admits a call if every limit it counts against has room, and counts it.
     *
     * @param now the caller's clock reading, already {@link #observe observed}
     * @return null when admitted; else the budget that is spent
     * @throws RetiredException when the idle sweep removed this session meanwhile
     */
    Exhaustion admit(RoleBudget budget, RoleBudget.Applicable applicable, long now) {
        Exhaustion standing = standingLimits(budget, now);
        if (standing != null) {
            return standing;
        }
        int counterCount = budget.counterCount();
        int[] counters = applicable.counters();
        int[] windowIndexes = applicable.windows();
        retry:
        for (; ; ) {
            long[] current = counts;
            if (current == RETIRED) {
                throw RetiredException.INSTANCE;
            }
            for (int index : counters) {
                CounterLimit limit = budget.counter(index);
                if (current[index] >= limit.limit()) {
                    return new Exhaustion(
                            limit.budget(),
                            limit.rule(),
                            limit.limit(),
                            current[index],
                            "calls",
                            limit.selector() == Selector.EVERY_CALL
                                    ? "per session"
                                    : limit.selector().describe().replace(" calls", "") + " per session");
                }
            }
            for (int index : windowIndexes) {
                WindowLimit window = budget.window(index);
                long admitted = current[counterCount + index];
                if (admitted >= window.calls()) {
                    long oldest = windows[index].timeOf(admitted - window.calls());
                    if (oldest == WindowLog.STALE) {
                        continue retry;
                    }
                    if (now - oldest < window.windowNanos()) {
                        return new Exhaustion(
                                window.budget(),
                                window.rule(),
                                window.calls(),
                                window.calls(),
                                window.selector().describe(),
                                "per " + window.windowSeconds() + " s");
                    }
                }
            }
            long[] next = current.clone();
            for (int index : counters) {
                next[index]++;
            }
            for (int index : windowIndexes) {
                next[counterCount + index]++;
            }
            if (COUNTS.compareAndSet(this, current, next)) {
                for (int index : windowIndexes) {
                    windows[index].record(current[counterCount + index], now);
                }
                return null;
            }
        }
    }

    /** Limits that do not depend on the call: the session's age, its tokens, a call still running overtime. */
    private Exhaustion standingLimits(RoleBudget budget, long now) {
        long timeout = budget.sessionTimeoutNanos();
        if (timeout > 0 && now - startNanos >= timeout) {
            return new Exhaustion(
                    "timeout_seconds",
                    "roles." + budget.role() + ".resource_limits.timeout_seconds",
                    timeout / 1_000_000_000L,
                    (now - startNanos) / 1_000_000_000L,
                    "s",
                    "per session");
        }
        if (budget.limitsTokens() && tokens >= budget.maxTokens()) {
            return tokenExhaustion(budget);
        }
        Exhaustion overrun = lastOverrun;
        if (overrunning > 0 && overrun != null) {
            return new Exhaustion(
                    overrun.budget(),
                    overrun.rule(),
                    overrun.limit(),
                    overrun.used(),
                    overrun.unit(),
                    overrun.scope(),
                    overrunning + " call(s) still running past their call timeout (they ignored"
                            + " the interrupt); no further calls until they end");
        }
        return null;
    }

    Exhaustion tokenExhaustion(RoleBudget budget) {
        return new Exhaustion(
                "max_tokens",
                "roles." + budget.role() + ".resource_limits.max_tokens",
                budget.maxTokens(),
                tokens,
                "tokens",
                "per session");
    }

    /**
     * Takes a clock reading of a call of this session and returns the time the session goes by: never earlier
     * than one it already saw, so a clock that steps back can neither reopen a window nor extend a timeout.
     */
    long observe(long nanos) {
        long seen = lastSeenNanos;
        if (nanos <= seen) {
            return seen;
        }
        LAST_SEEN.compareAndSet(this, seen, nanos);
        return nanos;
    }

    void addTokens(long count) {
        TOKENS.getAndAdd(this, count);
    }

    long tokens() {
        return tokens;
    }

    long calls() {
        long[] current = counts;
        return current.length == 0 ? 0 : current[RoleBudget.CALLS];
    }

    long startNanos() {
        return startNanos;
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** A call of this session ran past its call timeout and is still running. */
    void overrunStarted(Exhaustion timeout) {
        lastOverrun = timeout;
        OVERRUNNING.getAndAdd(this, 1);
    }

    /** An overrunning call ended; its result was discarded, or kept in monitor mode. */
    void overrunEnded(boolean resultDiscarded) {
        if (resultDiscarded) {
            LATE_RESULTS.getAndAdd(this, 1);
        }
        OVERRUNNING.getAndAdd(this, -1);
    }

    int overrunning() {
        return overrunning;
    }

    int lateResults() {
        return lateResults;
    }

    boolean retired() {
        return counts == RETIRED;
    }

    /**
     * Retires the session if it has been idle since {@code idleSince} and nothing of it still runs overtime.
     * Fails when a call got in meanwhile.
     */
    boolean retireIfIdle(long idleSince) {
        long[] current = counts;
        if (current == RETIRED || lastSeenNanos > idleSince || overrunning > 0) {
            return false;
        }
        return COUNTS.compareAndSet(this, current, RETIRED);
    }

    /** Thrown (without a stack) to a caller holding a session the sweep removed. */
    static final class RetiredException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final RetiredException INSTANCE = new RetiredException();

        private RetiredException() {
            super("session retired", null, false, false);
        }
    }
}
