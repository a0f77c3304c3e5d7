package dev.toolgate.agent.budget;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one thread budgets need, whatever the number of calls: it cuts off calls at their deadline and drops
 * idle sessions. Tool threads hand it their deadlines through a lock-free queue and wake it only when a new
 * deadline is earlier than the time it is already going to wake at. Calls that finish in time are simply
 * marked and skipped (and periodically purged), so a call costs one queue insertion and, at most, one unpark.
 */
final class BudgetScheduler {

    /** The longest the thread sleeps; also how long a finished call may wait to be purged. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final int PURGE_SLACK = 1_024;

    private final BudgetClock clock;
    private final SessionTable sessions;
    private final Consumer<CallWatch> cutOff;
    private final long sweepIntervalNanos;
    private final Queue<CallWatch> incoming = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<CallWatch> byDeadline =
            new PriorityQueue<>(Comparator.comparingLong((CallWatch watch) -> watch.deadlineNanos));
    private final Thread thread;
    private volatile long wakeAt;
    /** True while the thread sleeps (or is about to) until {@link #wakeAt}. */
    private volatile boolean asleep;

    private volatile boolean stopped;
    private long nextSweep;
    private int purgeThreshold = PURGE_SLACK;

    /** @param cutOff what to do with a call that reached its deadline: audit it, interrupt its thread */
    BudgetScheduler(BudgetClock clock, SessionTable sessions, long idleExpiryNanos, Consumer<CallWatch> cutOff) {
        this.clock = clock;
        this.sessions = sessions;
        this.cutOff = cutOff;
        this.sweepIntervalNanos = Math.max(
                TimeUnit.MILLISECONDS.toNanos(100), Math.min(idleExpiryNanos / 4, TimeUnit.MINUTES.toNanos(1)));
        this.nextSweep = clock.nanoTime() + sweepIntervalNanos;
        this.thread = new Thread(this::loop, "toolgate-budget-scheduler");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    /** Tool thread: watch this call until it finishes. */
    void watch(CallWatch watch) {
        incoming.add(watch);
        if (asleep && watch.deadlineNanos - wakeAt < 0) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Does what is due at {@code now}: cuts off calls past their deadline, drops idle sessions.
     *
     * @return when something is next due
     */
    long runDue(long now) {
        for (CallWatch watch; (watch = incoming.poll()) != null; ) {
            if (!watch.finished()) {
                byDeadline.add(watch);
            }
        }
        for (CallWatch next; (next = byDeadline.peek()) != null; ) {
            if (next.finished()) {
                byDeadline.poll();
            } else if (next.deadlineNanos - now <= 0) {
                byDeadline.poll();
                if (next.claimForFiring()) {
                    try {
                        cutOff.accept(next);
                    } finally {
                        next.fired();
                    }
                }
            } else {
                break;
            }
        }
        if (byDeadline.size() > purgeThreshold) {
            byDeadline.removeIf(CallWatch::finished);
            purgeThreshold = 2 * byDeadline.size() + PURGE_SLACK;
        }
        if (now - nextSweep >= 0) {
            sessions.expireIdle(now);
            nextSweep = now + sweepIntervalNanos;
        }
        CallWatch next = byDeadline.peek();
        long due = next == null ? nextSweep : Math.min(next.deadlineNanos, nextSweep);
        return Math.min(due, now + MAX_SLEEP_NANOS);
    }

    /** Calls being watched, finished ones not yet purged included. */
    int watched() {
        return byDeadline.size() + incoming.size();
    }

    private void loop() {
        while (!stopped) {
            try {
                long now = clock.nanoTime();
                long due = runDue(now);
                wakeAt = due;
                asleep = true;
                // A deadline handed over after the queue was drained, while this thread was not yet asleep, must
                // not wait for the next wake-up: watch() did not unpark, so look again before sleeping.
                if (incoming.isEmpty()) {
                    LockSupport.parkNanos(this, due - now);
                }
                asleep = false;
            } catch (RuntimeException | Error e) {
                // One bad cut-off must not end all watching.
                dev.toolgate.bootstrap.ToolgateBridge.countSuppressedError();
                System.err.println("[toolgate] ERROR: budget scheduler: " + e);
            }
        }
    }
}
