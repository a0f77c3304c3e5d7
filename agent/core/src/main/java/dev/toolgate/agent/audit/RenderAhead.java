package dev.toolgate.agent.audit;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Lets tool threads render their own events when the writer falls behind. The writer's work per event is
 * rendering, hashing and writing, in order, on one thread; when the queue fills, the tool threads (otherwise
 * about to wait for room) take the rendering over, and the writer only splices, hashes and writes. While the
 * writer keeps up, tool threads render nothing and a call costs what it always did.
 *
 * <p>A few encoders are shared, each used by one thread at a time; a thread that finds them all busy leaves its
 * event to the writer. Nothing here ever waits, and it holds no per-thread state, so virtual threads are welcome.
 */
final class RenderAhead {

    private static final int SLOTS = 4;

    private final JsonLinesEncoder[] encoders = new JsonLinesEncoder[SLOTS];
    private final AtomicIntegerArray busy = new AtomicIntegerArray(SLOTS);

    RenderAhead(String policyFile, String policySha256) {
        for (int i = 0; i < SLOTS; i++) {
            encoders[i] = new JsonLinesEncoder(policyFile, policySha256);
        }
    }

    /** The event rendered with holes, or null when every encoder is busy or its values cannot be rendered. */
    RenderedEvent tryRender(AuditEvent event) {
        int first = (int) (Thread.currentThread().getId() & (SLOTS - 1));
        for (int i = 0; i < SLOTS; i++) {
            int slot = (first + i) & (SLOTS - 1);
            if (busy.get(slot) == 0 && busy.compareAndSet(slot, 0, 1)) {
                try {
                    return encoders[slot].renderAhead(event);
                } catch (RuntimeException | StackOverflowError renderingFailed) {
                    return null; // the writer renders it, with its fallback for values that cannot be rendered
                } finally {
                    busy.set(slot, 0);
                }
            }
        }
        return null;
    }
}
