package dev.toolgate.agent.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Forces written events to disk on its own thread, so the writer keeps writing while an fsync runs. In
 * every-event mode, the callers whose events were written before an fsync started are released together when
 * it returns: one fsync serves every event that arrived while the previous one ran. In interval mode it forces
 * the file every interval if anything was written.
 */
final class GroupCommit {

    private final AuditWriter writer;
    private final boolean waitingCallers;
    private final long intervalNanos;
    private final ConcurrentLinkedQueue<Submission[]> awaiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong writes = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private long syncedWrites;

    GroupCommit(AuditWriter writer, boolean waitingCallers, long intervalNanos) {
        this.writer = writer;
        this.waitingCallers = waitingCallers;
        this.intervalNanos = intervalNanos;
        this.thread = new Thread(this::run, "toolgate-audit-fsync");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The writer wrote these (already claimed) submissions; they are released once on disk. */
    void written(Submission[] batch, int count) {
        writes.incrementAndGet();
        if (waitingCallers) {
            awaiting.add(java.util.Arrays.copyOf(batch, count));
            LockSupport.unpark(thread);
        }
    }

    /** The writer wrote something nobody waits for (the file's own events). */
    void written() {
        writes.incrementAndGet();
    }

    /** Syncs what is left, releases every waiting caller and ends the thread. */
    void stop() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        syncRound();
    }

    private void run() {
        while (!stopping) {
            if (waitingCallers) {
                if (awaiting.isEmpty()) {
                    LockSupport.parkNanos(this, 50_000_000);
                    continue;
                }
            } else {
                LockSupport.parkNanos(this, intervalNanos);
            }
            syncRound();
        }
    }

    private synchronized void syncRound() {
        List<Submission[]> released = new ArrayList<>();
        for (Submission[] batch; (batch = awaiting.poll()) != null; ) {
            released.add(batch);
        }
        long target = writes.get();
        if (target == syncedWrites && released.isEmpty()) {
            return;
        }
        boolean synced;
        try {
            writer.sync();
            synced = true;
            syncedWrites = target;
        } catch (IOException | RuntimeException failure) {
            synced = false;
            long events = released.stream().mapToLong(batch -> batch.length).sum();
            synchronized (writer) {
                writer.failed(events, failure);
            }
        }
        for (Submission[] batch : released) {
            for (Submission submission : batch) {
                submission.complete(synced);
            }
        }
    }
}
