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

    /**
     * Counts of a session that moved to the budget of a reloaded policy: its {@link #successor} holds them, and a
     * call that finds it goes there.
     */
    static final long[] MOVED = new long[0];

    private static final VarHandle COUNTS;
    private static final VarHandle TOKENS;
    private static final VarHandle LAST_SEEN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNTS = lookup.findVarHandle(SessionState.class, "counts", long[].class);
            TOKENS = lookup.findVarHandle(SessionState.class, "tokens", long.class);
            LAST_SEEN = lookup.findVarHandle(SessionState.class, "lastSeenNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The budget whose counters and windows {@link #counts} holds. */
    private final RoleBudget budget;

    private final long startNanos;
    private final WindowLog[] windows;
    /**
     * Calls running past their timeout and late results: shared with the session's successors, because the calls
     * that overran end on whichever state they started with.
     */
    private final Overruns overruns;

    private volatile long[] counts;
    private volatile long tokens;
    /** The latest time any call of the session saw: its clock never runs backwards, and idle time counts from it. */
    private volatile long lastSeenNanos;
    /** Where the session went when a reload changed its role's limits; set once, after {@link #MOVED}. */
    private volatile SessionState successor;

    SessionState(RoleBudget budget, long nowNanos) {
        this.budget = budget;
        this.startNanos = nowNanos;
        this.lastSeenNanos = nowNanos;
        this.overruns = new Overruns();
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

    /** The session of {@code previous}, carried over to {@code next} with the counts it had. */
    private SessionState(SessionState previous, long[] last, RoleBudget next) {
        RoleBudget before = previous.budget;
        this.budget = next;
        this.startNanos = previous.startNanos;
        this.lastSeenNanos = previous.lastSeenNanos;
        this.tokens = previous.tokens;
        this.overruns = previous.overruns;
        long[] carried = new long[next.counterCount() + next.windowCount()];
        // A counter goes on counting where the old policy left it when the new one has a counter of that name
        // (max_api_calls always does); a new counter starts at zero.
        for (int i = 0; i < next.counterCount(); i++) {
            for (int j = 0; j < before.counterCount(); j++) {
                if (before.counter(j).budget().equals(next.counter(i).budget())) {
                    carried[i] = last[j];
                    break;
                }
            }
        }
        if (next.windowCount() == 0) {
            this.windows = null;
        } else {
            // A sliding window that is defined exactly as before keeps its admissions; a changed one starts empty.
            this.windows = new WindowLog[next.windowCount()];
            for (int i = 0; i < next.windowCount(); i++) {
                for (int j = 0; j < before.windowCount(); j++) {
                    if (sameWindow(before.window(j), next.window(i))) {
                        windows[i] = previous.windows[j];
                        carried[next.counterCount() + i] = last[before.counterCount() + j];
                        break;
                    }
                }
                if (windows[i] == null) {
                    windows[i] = new WindowLog(next.window(i).calls());
                }
            }
        }
        this.counts = carried;
    }

    private static boolean sameWindow(WindowLimit a, WindowLimit b) {
        return a.budget().equals(b.budget())
                && a.calls() == b.calls()
                && a.windowNanos() == b.windowNanos()
                && a.selector().equals(b.selector());
    }

    RoleBudget budget() {
        return budget;
    }

    /**
     * Moves the session to the budget of a reloaded policy: its counts are taken by one compare-and-set (a call
     * admitted concurrently either counted before it or retries on the successor), then carried over.
     *
     * @return the successor; null when the session was retired or moved meanwhile
     */
    SessionState moveTo(RoleBudget next) {
        for (; ; ) {
            long[] current = counts;
            if (current == RETIRED || current == MOVED) {
                return null;
            }
            if (COUNTS.compareAndSet(this, current, MOVED)) {
                SessionState moved = new SessionState(this, current, next);
                successor = moved;
                return moved;
            }
        }
    }

    /** Whether the session moved to a reloaded policy's budget. */
    boolean moved() {
        return counts == MOVED;
    }

    /** Where a moved session went; waits the few instructions between {@link #MOVED} and its publication. */
    SessionState successor() {
        SessionState next = successor;
        while (next == null) {
            Thread.onSpinWait();
            next = successor;
        }
        return next;
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
            if (current == RETIRED || current == MOVED) {
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
        Exhaustion overrun = overruns.last;
        int overrunning = overruns.running.get();
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
        overruns.last = timeout;
        overruns.running.incrementAndGet();
    }

    /** An overrunning call ended; its result was discarded, or kept in monitor mode. */
    void overrunEnded(boolean resultDiscarded) {
        if (resultDiscarded) {
            overruns.late.incrementAndGet();
        }
        overruns.running.decrementAndGet();
    }

    int overrunning() {
        return overruns.running.get();
    }

    int lateResults() {
        return overruns.late.get();
    }

    /** Whether calls must look the session up again: the sweep retired it, or it moved to a reloaded budget. */
    boolean retired() {
        long[] current = counts;
        return current == RETIRED || current == MOVED;
    }

    /**
     * Retires the session if it has been idle since {@code idleSince} and nothing of it still runs overtime.
     * Fails when a call got in meanwhile.
     */
    boolean retireIfIdle(long idleSince) {
        long[] current = counts;
        if (current == RETIRED || current == MOVED || lastSeenNanos > idleSince || overruns.running.get() > 0) {
            return false;
        }
        return COUNTS.compareAndSet(this, current, RETIRED);
    }

    /** Overrunning calls of a session, and how many late results were discarded (only grows). */
    private static final class Overruns {
        final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
        /** The timeout of the last call that overran, for the denial while it runs on. */
        volatile Exhaustion last;
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
