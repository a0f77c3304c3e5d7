package dev.toolgate.agent.audit;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Counters of the audit path, read by the {@code agent_stop} event and by JMX. */
public final class AuditStats implements AuditStatsMBean {

    public static final String OBJECT_NAME = "dev.toolgate:type=AuditLog";

    final AtomicLong queued = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong fsyncs = new AtomicLong();
    final java.util.concurrent.atomic.LongAdder renderedAhead = new java.util.concurrent.atomic.LongAdder();
    volatile String problem;
    private volatile IntSupplier queueDepth = () -> 0;
    private volatile int queueCapacity;
    private volatile LongSupplier shipped = () -> 0;
    private volatile LongSupplier spoolBytes = () -> 0;
    private volatile BooleanSupplier connected = () -> false;
    private final AtomicLong alertsSent = new AtomicLong();
    private final AtomicLong alertsFailed = new AtomicLong();

    void queue(IntSupplier depth, int capacity) {
        this.queueDepth = depth;
        this.queueCapacity = capacity;
    }

    /** Lets the shipper report its figures here. */
    public void shipping(LongSupplier eventsShipped, LongSupplier bytesSpooled, BooleanSupplier isConnected) {
        this.shipped = eventsShipped;
        this.spoolBytes = bytesSpooled;
        this.connected = isConnected;
    }

    public void alertSent() {
        alertsSent.incrementAndGet();
    }

    public void alertFailed() {
        alertsFailed.incrementAndGet();
    }

    /** Registers with the platform MBean server; a JVM without JMX just goes without. */
    void register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (Exception | LinkageError unavailable) {
            System.err.println("[toolgate] WARNING: audit counters are not available over JMX: " + unavailable);
        }
    }

    @Override
    public long getEventsQueued() {
        return queued.get();
    }

    @Override
    public long getEventsWritten() {
        return written.get();
    }

    @Override
    public long getEventsFailed() {
        return failed.get();
    }

    @Override
    public long getEventsDropped() {
        return dropped.get();
    }

    @Override
    public long getEventsRenderedAhead() {
        return renderedAhead.sum();
    }

    @Override
    public int getQueueDepth() {
        return queueDepth.getAsInt();
    }

    @Override
    public int getQueueCapacity() {
        return queueCapacity;
    }

    @Override
    public long getFsyncs() {
        return fsyncs.get();
    }

    @Override
    public String getProblem() {
        String now = problem;
        return now == null ? "" : now;
    }

    @Override
    public long getEventsShipped() {
        return shipped.getAsLong();
    }

    @Override
    public long getSpoolBytes() {
        return spoolBytes.getAsLong();
    }

    @Override
    public boolean isCollectorConnected() {
        return connected.getAsBoolean();
    }

    @Override
    public long getAlertsSent() {
        return alertsSent.get();
    }

    @Override
    public long getAlertsFailed() {
        return alertsFailed.get();
    }
}
