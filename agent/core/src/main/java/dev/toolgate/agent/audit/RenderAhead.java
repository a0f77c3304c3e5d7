package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.chain.EventHash;
import dev.toolgate.agent.audit.queue.BoundedMpscQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A second audit thread that renders queued events ahead of the writer while the writer is behind. The writer's
 * work per event is rendering, hashing and writing, in order, on one thread; once the queue fills, this thread
 * walks the queue ahead of it, renders events with holes for {@code seq} and {@code prev_hash} and hashes what
 * comes before the first hole, so that the writer only splices, finishes the hash and writes. Tool threads never render: a call costs the same whether the writer
 * keeps up or not. While the writer keeps up this thread sleeps.
 *
 * <p>It only ever looks at the queue: an event it has not rendered by the time the writer reaches it is rendered
 * by the writer, which never waits for it. Both render the same bytes ({@link RenderedEvent}).
 */
final class RenderAhead {

    /** How far ahead of the writer it works: far enough to stay ahead, near enough to stay in the cache. */
    private static final int MAX_AHEAD = 8_192;

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CAUGHT_UP_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final BoundedMpscQueue<Submission> queue;
    private final JsonLinesEncoder encoder;
    private final EventHash hash = new EventHash();
    private final AuditStats stats;
    private final int behindAt;
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean stopping;
    private long cursor;

    /** @param behindAt queued events from which the writer counts as behind */
    RenderAhead(BoundedMpscQueue<Submission> queue, JsonLinesEncoder encoder, AuditStats stats, int behindAt) {
        this.queue = queue;
        this.encoder = encoder;
        this.stats = stats;
        this.behindAt = behindAt;
        this.thread = new Thread(this::run, "toolgate-audit-render");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Called by the writer after each batch: wakes this thread when the writer is behind. */
    void writerProgressed() {
        if (sleeping && queue.size() >= behindAt) {
            LockSupport.unpark(thread);
        }
    }

    void stop() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!stopping) {
            if (queue.size() < behindAt) {
                sleeping = true;
                if (queue.size() < behindAt && !stopping) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                sleeping = false;
                continue;
            }
            long head = queue.headPosition();
            cursor = Math.max(cursor, head);
            Submission next = cursor - head < MAX_AHEAD ? queue.peek(cursor) : null;
            if (next == null) {
                LockSupport.parkNanos(this, CAUGHT_UP_PARK_NANOS); // at the tail, or far enough ahead
                continue;
            }
            if (next.startRendering()) {
                next.rendered(render(next.event, next.policy));
            }
            cursor++;
        }
    }

    private RenderedEvent render(AuditEvent event, JsonLinesEncoder.Stamp policy) {
        try {
            RenderedEvent rendered = encoder.renderAhead(event, policy).withPrefixHashed(hash);
            stats.renderedAhead.increment();
            return rendered;
        } catch (RuntimeException | Error renderingFailed) {
            // Application values that cannot be rendered: the writer renders the event itself, with its fallback,
            // and records why. Not an internal error.
            return null;
        }
    }
}
