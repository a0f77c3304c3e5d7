package dev.toolgate.agent.audit;

import dev.toolgate.bootstrap.ToolgateBridge;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends audit events to a JSON Lines file from one writer thread. Tool threads only enqueue; when the queue
 * is full they wait for room rather than drop an event. {@link #close()} writes everything accepted before it
 * returns; an event that arrives after that is written on the caller's thread.
 */
public final class AsyncFileAuditLog implements AuditLog {

    static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 1_024;

    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final JsonLinesEncoder encoder;
    private final OutputStream out;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long nextSeq = 1;
    private volatile boolean closing;

    private AsyncFileAuditLog(Path file, JsonLinesEncoder encoder) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // A FileOutputStream, not a channel: an interrupted tool thread writing here must not close the file.
        this.out = new BufferedOutputStream(new FileOutputStream(file.toFile(), true), 64 * 1024);
        this.encoder = encoder;
        this.writer = new Thread(this::drainUntilClosed, "toolgate-audit-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Opens (creating if needed) the audit file and starts the writer thread.
     *
     * @throws IOException when the file cannot be opened for appending
     */
    public static AsyncFileAuditLog open(Path file, String policyFile, String policySha256) throws IOException {
        AsyncFileAuditLog log = new AsyncFileAuditLog(file, new JsonLinesEncoder(policyFile, policySha256));
        log.writer.start();
        return log;
    }

    @Override
    public void append(AuditEvent event) {
        if (closing) {
            writeNow(List.of(event));
            return;
        }
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            // Keep the event: write it here rather than lose it, and leave the interrupt for the caller.
            Thread.currentThread().interrupt();
            writeNow(List.of(event));
        }
    }

    @Override
    public long written() {
        return written.get();
    }

    /** Events that could not be encoded or written. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<AuditEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        writeNow(rest);
    }

    private void drainUntilClosed() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (!closing) {
            try {
                AuditEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeNow(batch);
                batch.clear();
            } catch (InterruptedException e) {
                // only close() ends this thread; a stray interrupt changes nothing
            }
        }
    }

    private synchronized void writeNow(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (AuditEvent event : events) {
            try {
                out.write(encoder.encode(event, nextSeq));
                nextSeq++;
                written.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet();
                ToolgateBridge.countSuppressedError();
                System.err.println("[toolgate] ERROR: audit event " + event.type().wireName() + " could not be"
                        + " written: " + e);
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            failed.incrementAndGet();
            ToolgateBridge.countSuppressedError();
            System.err.println("[toolgate] ERROR: audit file could not be flushed: " + e);
        }
    }
}
