package dev.toolgate.agent.audit;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * One event on its way to the file, and how it fared: the tool thread that must wait for it to be on disk
 * parks here and the writer (or syncer) wakes it.
 */
final class Submission {

    static final int PENDING = 0;
    static final int CLAIMED = 1;
    static final int DONE = 2;
    static final int FAILED = 3;
    /** The caller stopped waiting before the writer took the event: it is written marked as unconfirmed. */
    static final int ABANDONED = 4;

    private static final AtomicIntegerFieldUpdater<Submission> STATE =
            AtomicIntegerFieldUpdater.newUpdater(Submission.class, "state");

    private static final int NOT_RENDERED = 0;
    private static final int RENDERING = 1;
    private static final int RENDERED = 2;
    private static final int LEFT_TO_WRITER = 3;
    private static final AtomicIntegerFieldUpdater<Submission> RENDER_STATE =
            AtomicIntegerFieldUpdater.newUpdater(Submission.class, "renderState");

    final AuditEvent event;
    private volatile int state;
    private volatile Thread waiter;
    private volatile int renderState;
    /** Set by the render-ahead thread before {@link #renderState} becomes RENDERED; null if it could not render. */
    private RenderedEvent rendered;

    /** The policy in force when the event was queued; null for the one the log was opened with. */
    final JsonLinesEncoder.Stamp policy;

    Submission(AuditEvent event) {
        this(event, null);
    }

    Submission(AuditEvent event, JsonLinesEncoder.Stamp policy) {
        this.event = event;
        this.policy = policy;
    }

    /** The render-ahead thread takes the rendering over; false when someone else already has. */
    boolean startRendering() {
        return renderState == NOT_RENDERED && RENDER_STATE.compareAndSet(this, NOT_RENDERED, RENDERING);
    }

    void rendered(RenderedEvent result) {
        rendered = result;
        renderState = RENDERED;
    }

    /**
     * What the render-ahead thread made of this event, or null when the writer must render it: not rendered yet
     * (the writer does not wait), or it could not be rendered.
     */
    RenderedEvent renderedAhead() {
        if (renderState == RENDERED
                || !RENDER_STATE.compareAndSet(this, NOT_RENDERED, LEFT_TO_WRITER) && renderState == RENDERED) {
            return rendered;
        }
        return null;
    }

    /** The writer takes the event; false when the caller already gave up on it. */
    boolean claim() {
        return STATE.compareAndSet(this, PENDING, CLAIMED);
    }

    void complete(boolean written) {
        state = written ? DONE : FAILED;
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }

    /**
     * Waits until the event is on disk or failed, or until {@code deadlineNanos}.
     *
     * @return true when the event is on disk
     */
    boolean await(long deadlineNanos) {
        for (int spin = 0; spin < 64; spin++) {
            int now = state;
            if (now == DONE || now == FAILED) {
                return now == DONE;
            }
            Thread.onSpinWait();
        }
        waiter = Thread.currentThread();
        boolean interrupted = false;
        try {
            while (true) {
                int now = state;
                if (now == DONE || now == FAILED) {
                    return now == DONE;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 && (now == CLAIMED || STATE.compareAndSet(this, PENDING, ABANDONED))) {
                    if (state == CLAIMED) {
                        // The writer has it: its fate is decided within one write and fsync, so wait for it.
                        LockSupport.parkNanos(this, 1_000_000);
                        if (System.nanoTime() - deadlineNanos > 30_000_000_000L) {
                            return false;
                        }
                        continue;
                    }
                    return false;
                }
                LockSupport.parkNanos(this, Math.max(left, 1_000));
                interrupted |= Thread.interrupted();
            }
        } finally {
            waiter = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
