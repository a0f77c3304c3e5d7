package dev.toolgate.agent.audit;

/** The audit log's counters over JMX, as {@code dev.toolgate:type=AuditLog}. */
public interface AuditStatsMBean {

    /** Events accepted into the queue. */
    long getEventsQueued();

    /** Events written to the audit file. */
    long getEventsWritten();

    /** Events accepted but not written: the file could not be written or synced. */
    long getEventsFailed();

    /** Events never accepted: the queue stayed full, or the file was failing. */
    long getEventsDropped();

    /** Events the render-ahead thread rendered for the writer while it was behind. */
    long getEventsRenderedAhead();

    int getQueueDepth();

    int getQueueCapacity();

    long getFsyncs();

    /** Why events cannot be recorded right now; empty when all is well. */
    String getProblem();

    /** Events the collector was sent (including resent ones); 0 without shipping. */
    long getEventsShipped();

    /** Bytes waiting in the shipping spool. */
    long getSpoolBytes();

    boolean isCollectorConnected();

    long getAlertsSent();

    long getAlertsFailed();
}
