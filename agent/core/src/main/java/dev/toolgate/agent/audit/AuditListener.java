package dev.toolgate.agent.audit;

/**
 * Told, on the writer thread, what was written to the audit file. Implementations must return at once: they
 * hand the work to their own thread (shipping, alerts).
 */
public interface AuditListener {

    /**
     * A batch of events just written, in file order. What a listener acts on (seq, timestamp, type, decision,
     * the event as captured) comes from the batch's values, never from the lines: those hold the application's
     * arguments, which may use any member name.
     */
    default void batchWritten(WrittenBatch batch) {}

    /** The audit log is closing; finish or hand over within {@code timeoutMillis}. */
    default void close(long timeoutMillis) {}
}
