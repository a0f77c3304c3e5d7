package dev.toolgate.e2e.apps.bypass;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets the caller of {@code apply_manifests} change its list after the gate checked it and before the body reads
 * it: the body, once started, waits until the caller's other thread has changed the list.
 */
final class ListHandshake {

    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static final CountDownLatch CHANGED = new CountDownLatch(1);

    private ListHandshake() {}

    static void bodyStarted() {
        STARTED.countDown();
        await(CHANGED);
    }

    static void awaitBodyStarted() {
        await(STARTED);
    }

    static void changed() {
        CHANGED.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other side of the handshake never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
