package dev.toolgate.agent.audit.ship;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditListener;
import dev.toolgate.agent.audit.AuditStats;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.WrittenBatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Ships every line of the audit file to a collector, in order, from its own thread. Lines go through the
 * {@link Spool} on disk first, so a collector that is down or slow never holds up the audit writer and nothing
 * is lost while it is away: on reconnection (with exponential backoff) shipping resumes, in order, from the
 * start of the resend window, because TCP cannot tell which of the last bytes sent the collector actually
 * read. Events sent again therefore carry the seq they had (and, in syslog, {@code resent="1"}), so a collector
 * can drop the duplicates. When the spool is full, lines are not spooled; the audit file still has them and an
 * {@code audit_gap} event records how many the collector will not get. Each line is spooled with the values it
 * was written with ({@link SpoolRecord}), which is where framers take seq, timestamp and type from.
 */
public final class Shipper implements AuditListener {

    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long SAVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ShipSettings settings;
    private final Spool spool;
    private final Connector connector;
    private final LineFramer framer;
    private final Consumer<AuditEvent> audit;
    private final Thread thread;
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong skippedLines = new AtomicLong();
    /** Turns each batch into spool records; used by the writer thread only. */
    private final SpoolRecord.Writer records = new SpoolRecord.Writer();
    /** What the target gets instead of the line (OCSF, CloudEvents), or null for the line; writer thread only. */
    private final EventView view;

    private final ArrayDeque<Long> flushPoints = new ArrayDeque<>();
    private volatile boolean connected;
    private volatile boolean closing;
    private volatile boolean stopped;
    private volatile long position;
    private long windowStart;
    private long resendUntil;
    private long unreadableRecords;
    /** Unreadable records before this spool offset are counted already (they are met again on a resend). */
    private long unreadableCountedUntil;

    private String lastProblem;

    private Shipper(ShipSettings settings, Spool spool, Connector connector, Consumer<AuditEvent> audit) {
        this.settings = settings;
        this.spool = spool;
        this.connector = connector;
        this.framer = LineFramer.of(settings.format());
        this.view = EventView.of(settings);
        this.audit = audit;
        this.windowStart = spool.savedPosition();
        this.position = windowStart;
        // Whatever the spool held at start may have been sent by the previous run: mark it as possibly resent.
        this.resendUntil = spool.end();
        this.thread = new Thread(this::run, "toolgate-audit-shipper");
        this.thread.setDaemon(true);
    }

    /**
     * Opens the spool and starts shipping.
     *
     * @param audit where the shipper records what the collector will not get (spool full)
     * @throws IOException when the spool directory or the trust store cannot be used
     */
    public static Shipper start(ShipSettings settings, AuditStats stats, Consumer<AuditEvent> audit)
            throws IOException {
        Shipper shipper = new Shipper(
                settings, Spool.open(settings.spoolDir(), settings.spoolMax()), new Connector(settings), audit);
        stats.shipping(shipper.shipped::get, () -> shipper.spool.bytesFrom(shipper.position), () -> shipper.connected);
        shipper.thread.start();
        return shipper;
    }

    @Override
    public void batchWritten(WrittenBatch batch) {
        records.reset();
        for (int i = 0; i < batch.size(); i++) {
            if (view == null) {
                records.add(batch.values(i), batch.bytes(), batch.lineStart(i), batch.lineLength(i));
            } else {
                EventView.Buffer rendered = view.render(batch, i);
                records.add(batch.values(i), rendered.bytes(), 0, rendered.size());
            }
        }
        boolean spooled;
        try {
            spooled = records.size() == 0 || spool.append(records.bytes(), 0, records.size());
        } catch (IOException e) {
            spooled = false;
        }
        if (!spooled) {
            skippedLines.addAndGet(batch.size());
        }
        LockSupport.unpark(thread);
    }

    @Override
    public void close(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        closing = true;
        while (connected && position < spool.end() && System.nanoTime() < deadline) {
            LockSupport.unpark(thread);
            LockSupport.parkNanos(5_000_000);
        }
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spool.closeAppender();
    }

    @Override
    public String toString() {
        return "shipping to " + settings.address();
    }

    private void run() {
        byte[] buffer = new byte[256 * 1024];
        long backoffMillis = 100;
        Socket socket = null;
        OutputStream out = null;
        long lastSave = System.nanoTime();
        long lastIdleCheck = System.nanoTime();
        while (!stopped) {
            reportSkipped();
            if (socket == null) {
                try {
                    socket = connector.connect();
                    out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                    connected = true;
                    backoffMillis = 100;
                    position = windowStart;
                    flushPoints.clear();
                    flushPoints.addLast(windowStart);
                    if (lastProblem != null) {
                        System.err.println("[toolgate] audit shipping to " + settings.address() + " resumed");
                        lastProblem = null;
                    }
                } catch (IOException | RuntimeException e) {
                    problem("cannot connect: " + e.getMessage());
                    if (closing) {
                        break;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                    backoffMillis =
                            Math.min(backoffMillis * 2, settings.backoffMax().toMillis());
                    continue;
                }
            }
            try {
                int read = spool.read(position, buffer);
                int used = read == 0 ? 0 : sendRecords(buffer, read, out);
                if (used == 0 && read == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2); // one line longer than the buffer
                    continue;
                }
                if (used == 0) {
                    out.flush();
                    markFlushed();
                    if (System.nanoTime() - lastIdleCheck > IDLE_CHECK_NANOS) {
                        lastIdleCheck = System.nanoTime();
                        checkStillOpen(socket);
                    }
                    if (closing && position >= spool.end()) {
                        LockSupport.parkNanos(1_000_000);
                    } else {
                        LockSupport.parkNanos(this, 20_000_000);
                    }
                } else if (spool.bytesFrom(position) == 0) {
                    out.flush();
                    markFlushed();
                }
            } catch (IOException | RuntimeException e) {
                problem("connection lost: " + e.getMessage());
                connected = false;
                resendUntil = Math.max(resendUntil, position);
                closeQuietly(socket);
                socket = null;
                out = null;
            }
            if (System.nanoTime() - lastSave > SAVE_EVERY_NANOS) {
                lastSave = System.nanoTime();
                spool.savePosition(windowStart);
            }
        }
        spool.savePosition(windowStart);
        connected = false;
        closeQuietly(socket);
    }

    /** Frames the complete records in {@code buffer}; returns the bytes they took, 0 when there is none. */
    private int sendRecords(byte[] buffer, int length, OutputStream out) throws IOException {
        int start = 0;
        for (SpoolRecord record; (record = SpoolRecord.read(buffer, start, length)) != null; ) {
            long at = position + start;
            if (record.values() != null) {
                framer.frame(record.values(), buffer, record.lineStart(), record.lineLength(), at < resendUntil, out);
                shipped.incrementAndGet();
            } else if (record.damaged() && at >= unreadableCountedUntil) {
                unreadableRecords++;
                unreadableCountedUntil = position + record.end();
            }
            start = record.end();
        }
        position += start;
        return start;
    }

    /** Everything up to {@code position} is handed to TCP: move the resend window along and free the spool. */
    private void markFlushed() {
        long now = position;
        if (flushPoints.isEmpty() || flushPoints.peekLast() != now) {
            flushPoints.addLast(now);
        }
        // The window starts at the latest flush point that still leaves resendBytes behind the sent end.
        while (flushPoints.size() >= 2) {
            long first = flushPoints.pollFirst();
            long next = flushPoints.peekFirst();
            if (now - next >= settings.resendBytes()) {
                windowStart = Math.max(windowStart, next);
            } else {
                flushPoints.addFirst(first);
                windowStart = Math.max(windowStart, first);
                break;
            }
        }
        spool.release(windowStart);
    }

    /** The collector never writes to us: a read that ends means it closed the connection. */
    private static void checkStillOpen(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            if (socket.getInputStream().read() < 0) {
                throw new IOException("the collector closed the connection");
            }
        } catch (SocketTimeoutException stillOpen) {
            // nothing to read: the connection is up
        }
    }

    private void reportSkipped() {
        long skipped = skippedLines.getAndSet(0);
        if (skipped > 0) {
            System.err.println("[toolgate] WARNING: " + skipped + " audit events will not reach " + settings.address()
                    + ": the shipping spool is full (" + ShipSettings.SPOOL_MAX + ")");
            reportGap(
                    "ship_skipped_events",
                    skipped,
                    "the shipping spool " + settings.spoolDir() + " was full ("
                            + settings.spoolMax() + " bytes): these events are in the audit file but will not reach the"
                            + " collector");
        }
        long unreadable = unreadableRecords;
        unreadableRecords = 0;
        if (unreadable > 0) {
            System.err.println("[toolgate] WARNING: " + unreadable + " records in the shipping spool "
                    + settings.spoolDir() + " cannot be read (damaged on disk); they are not sent to "
                    + settings.address());
            reportGap(
                    "ship_unreadable_records",
                    unreadable,
                    "records in the shipping spool " + settings.spoolDir()
                            + " could not be read (damaged on disk) and were not sent: the audit file has the events");
        }
    }

    private void reportGap(String counter, long count, String note) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(counter, count);
        details.put("collector", settings.address());
        details.put("note", note);
        audit.accept(AuditEvent.lifecycle(EventType.AUDIT_GAP, null, null, details));
    }

    private void problem(String problem) {
        if (!problem.equals(lastProblem)) {
            System.err.println("[toolgate] WARNING: audit shipping to " + settings.address() + ": " + problem
                    + "; events wait in " + settings.spoolDir() + " and are sent when the collector is back");
            lastProblem = problem;
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
