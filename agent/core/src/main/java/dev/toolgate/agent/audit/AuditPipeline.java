package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.checkpoint.Checkpointer;
import dev.toolgate.agent.audit.file.AppendOnlyFile;
import dev.toolgate.agent.audit.file.AuditFileSink;
import dev.toolgate.agent.audit.file.StorageChannel;
import dev.toolgate.agent.audit.queue.BoundedMpscQueue;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.bootstrap.ToolgateBridge;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The audit log: tool threads hand events to a bounded lock-free queue; one writer thread drains it in batches,
 * chains and appends them; a second thread forces the file to disk (group commit). When the writer falls behind, a
 * third renders queued events ahead of it ({@link RenderAhead}), leaving the writer the splice, the hash and the
 * write.
 *
 * <p>When the queue is full a tool thread waits up to {@code audit.wait} for room, then gives up: the event is
 * counted as dropped, recorded later as a gap, and {@link #append} returns false so that the gate refuses calls
 * other than READ. In every-event mode {@link #append} returns only once the event is on disk (or failed, or the
 * wait ran out). While the file cannot be written, events are not accepted and {@link #append} returns false at
 * once; the writer retries every second and records the gap when the file works again.
 */
public final class AuditPipeline implements AuditLog {

    private static final int MAX_BATCH = 4_096;
    /**
     * How long the idle writer sleeps before looking at the queue again. Waking a parked thread costs the waker
     * microseconds, more than the whole rest of a tool call, so tool threads leave the writer to wake on its own
     * unless they wait for their event (every-event fsync) or the queue is filling up.
     */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The writer counts as behind, and the render-ahead thread starts, once this share of the queue is used. */
    private static final int BEHIND_FRACTION = 16;

    private final AuditSettings settings;
    private final BoundedMpscQueue<Submission> queue;
    private final AuditWriter writer;
    private final GroupCommit commit;
    private final AuditStats stats;
    private final RenderAhead renderAhead;
    private final Thread writerThread;
    private final long waitNanos;
    /**
     * The policy events queued now name; null until a reload (the encoders' own then applies). Read with opaque
     * access: a {@link JsonLinesEncoder.Stamp} is immutable with final fields, so no fence is needed on the append
     * path, only that a new one is seen promptly.
     */
    @SuppressWarnings("unused") // accessed through POLICY
    private JsonLinesEncoder.Stamp policy;

    private static final java.lang.invoke.VarHandle POLICY;

    static {
        try {
            POLICY = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(AuditPipeline.class, "policy", JsonLinesEncoder.Stamp.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile boolean writerSleeping;
    private volatile boolean closing;
    private volatile boolean closed;
    private long lastDropWarning;

    private AuditPipeline(AuditSettings settings, AuditWriter writer, AuditStats stats, JsonLinesEncoder aheadEncoder) {
        this.settings = settings;
        this.queue = new BoundedMpscQueue<>(settings.queueCapacity());
        this.writer = writer;
        this.stats = stats;
        this.renderAhead = new RenderAhead(queue, aheadEncoder, stats, Math.max(1, queue.capacity() / BEHIND_FRACTION));
        this.waitNanos = settings.callerWait().toNanos();
        this.commit = settings.fsync() == FsyncPolicy.OS
                ? null
                : new GroupCommit(
                        writer,
                        settings.fsync() == FsyncPolicy.EVERY_EVENT,
                        settings.fsyncInterval().toNanos());
        this.writerThread = new Thread(this::drainUntilClosed, "toolgate-audit-writer");
        this.writerThread.setDaemon(true);
        stats.queue(queue::size, queue.capacity());
    }

    /**
     * Opens (creating if needed, permissions 0600) the audit file, continues its chain and starts the threads.
     *
     * @throws IOException when the file cannot be opened for appending
     */
    public static AuditPipeline open(AuditSettings settings, String policyFile, String policySha256, Mode mode)
            throws IOException {
        return open(settings, policyFile, policySha256, mode, AppendOnlyFile::open);
    }

    /** As {@link #open(AuditSettings, String, String, Mode)}, with the file opened by {@code opener}. */
    public static AuditPipeline open(
            AuditSettings settings, String policyFile, String policySha256, Mode mode, StorageChannel.Opener opener)
            throws IOException {
        AuditFileSink sink = AuditFileSink.open(settings.file(), settings.rotation(), opener);
        AuditStats stats = new AuditStats();
        AuditWriter writer = new AuditWriter(
                sink,
                new JsonLinesEncoder(policyFile, policySha256),
                stats,
                mode,
                settings.callerWait().toMillis(),
                new Object());
        settings.checkpoints()
                .ifPresent(checkpoints -> writer.checkpointWith(new Checkpointer(checkpoints, System.nanoTime())));
        AuditPipeline pipeline =
                new AuditPipeline(settings, writer, stats, new JsonLinesEncoder(policyFile, policySha256));
        if (pipeline.commit != null) {
            pipeline.commit.start();
        }
        pipeline.writerThread.start();
        pipeline.renderAhead.start();
        if (settings.jmx()) {
            stats.register();
        }
        return pipeline;
    }

    @Override
    public void policyChanged(String policyFile, String policySha256) {
        POLICY.setOpaque(this, JsonLinesEncoder.stamp(policyFile, policySha256));
    }

    /** Adds a listener told about every batch written (shipping) or chosen events (alerts). */
    public void addListener(AuditListener listener) {
        writer.addListener(listener);
    }

    public AuditStats stats() {
        return stats;
    }

    public AuditSettings settings() {
        return settings;
    }

    @Override
    public boolean append(AuditEvent event) {
        if (closed) {
            return writeOnCallerThread(new Submission(event, (JsonLinesEncoder.Stamp) POLICY.getOpaque(this)));
        }
        if (stats.problem != null) {
            stats.dropped.incrementAndGet();
            return false;
        }
        Submission submission = new Submission(event, (JsonLinesEncoder.Stamp) POLICY.getOpaque(this));
        long deadline = 0;
        if (!queue.offer(submission)) {
            deadline = System.nanoTime() + waitNanos;
            if (!offerUntil(submission, deadline)) {
                stats.dropped.incrementAndGet();
                warnDropped();
                return false;
            }
        }
        stats.queued.incrementAndGet();
        boolean waitsForDisk = settings.fsync() == FsyncPolicy.EVERY_EVENT;
        if (writerSleeping && (waitsForDisk || queue.size() > queue.capacity() / 4)) {
            LockSupport.unpark(writerThread);
        }
        if (closed) {
            // close() may have finished its last drain before this offer landed: drain it here.
            drainOnCallerThread();
        }
        if (waitsForDisk) {
            return submission.await(deadline != 0 ? deadline : System.nanoTime() + waitNanos);
        }
        return true;
    }

    @Override
    public String problem() {
        String problem = stats.problem;
        if (problem != null) {
            return problem;
        }
        return queue.size() >= queue.capacity()
                ? "the audit queue stayed full for " + settings.callerWait().toMillis() + " ms (" + queue.capacity()
                        + " events): the audit file cannot keep up"
                : null;
    }

    @Override
    public long written() {
        return stats.written.get();
    }

    /** Events accepted but not written. */
    public long failed() {
        return stats.failed.get();
    }

    /** Events never accepted. */
    public long dropped() {
        return stats.dropped.get();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        renderAhead.stop();
        LockSupport.unpark(writerThread);
        try {
            writerThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        drainOnCallerThread();
        if (commit != null) {
            commit.stop();
        }
        for (AuditListener listener : writer.listeners()) {
            listener.close(2_000);
        }
    }

    private boolean offerUntil(Submission submission, long deadline) {
        long pause = 1_000;
        while (System.nanoTime() < deadline) {
            if (writerSleeping) {
                LockSupport.unpark(writerThread);
            }
            LockSupport.parkNanos(this, pause);
            if (queue.offer(submission)) {
                return true;
            }
            pause = Math.min(pause * 2, 1_000_000);
        }
        return false;
    }

    private void warnDropped() {
        long now = System.nanoTime();
        synchronized (queue) {
            if (now - lastDropWarning < TimeUnit.SECONDS.toNanos(10) && lastDropWarning != 0) {
                return;
            }
            lastDropWarning = now;
        }
        ToolgateBridge.countSuppressedError();
        System.err.println("[toolgate] ERROR: " + problem() + ". Events are dropped (" + stats.dropped.get()
                + " so far) and calls other than READ refused; the gap is recorded in the audit file.");
    }

    private void drainUntilClosed() {
        Submission[] batch = new Submission[MAX_BATCH];
        long lastProbe = System.nanoTime();
        while (true) {
            int count = 0;
            for (Submission next; count < MAX_BATCH && (next = queue.poll()) != null; ) {
                batch[count++] = next;
            }
            if (count > 0) {
                renderAhead.writerProgressed();
                writeBatch(batch, count);
                java.util.Arrays.fill(batch, 0, count, null);
                continue;
            }
            if (closing) {
                return;
            }
            if (writer.hasUnreportedGap() && System.nanoTime() - lastProbe >= PROBE_NANOS) {
                lastProbe = System.nanoTime();
                writeBatch(batch, 0);
            } else if (stats.problem == null && writer.checkpointDue(System.nanoTime())) {
                writeBatch(batch, 0);
            }
            writerSleeping = true;
            if (queue.isEmpty() && !closing) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
            writerSleeping = false;
        }
    }

    private void writeBatch(Submission[] batch, int count) {
        boolean written;
        synchronized (writer) {
            written = writer.write(batch, count);
        }
        // write() never throws: a failure is counted, reported and returned as false.
        if (!written) {
            for (int i = 0; i < count; i++) {
                batch[i].complete(false);
            }
            return;
        }
        if (commit == null) {
            for (int i = 0; i < count; i++) {
                batch[i].complete(true);
            }
        } else if (settings.fsync() == FsyncPolicy.EVERY_EVENT && count > 0) {
            commit.written(batch, count);
        } else {
            commit.written();
            for (int i = 0; i < count; i++) {
                batch[i].complete(true);
            }
        }
    }

    private boolean writeOnCallerThread(Submission submission) {
        synchronized (writer) {
            boolean written = writer.write(new Submission[] {submission}, 1);
            if (written && settings.fsync() != FsyncPolicy.OS) {
                try {
                    writer.sync();
                } catch (IOException | RuntimeException e) {
                    writer.failed(1, e);
                    return false;
                }
            }
            return written;
        }
    }

    private void drainOnCallerThread() {
        synchronized (writer) {
            Submission[] one = new Submission[1];
            for (Submission next; (next = queue.poll()) != null; ) {
                one[0] = next;
                boolean written = writer.write(one, 1);
                if (written && settings.fsync() != FsyncPolicy.OS) {
                    try {
                        writer.sync();
                    } catch (IOException | RuntimeException e) {
                        writer.failed(1, e);
                        written = false;
                    }
                }
                next.complete(written);
            }
        }
    }
}
