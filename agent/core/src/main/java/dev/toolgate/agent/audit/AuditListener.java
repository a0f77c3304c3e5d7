package dev.toolgate.agent.audit;

/**
 * Told, on the writer thread, what was written to the audit file. Implementations must return at once: they
 * hand the work to their own thread (shipping, alerts).
 */
public interface AuditListener {

    /** Complete lines just written, in file order. The array is reused after the call returns. */
    default void linesWritten(byte[] lines, int offset, int length) {
    }

    /** Whether {@link #eventWritten} should be called for this event. */
    default boolean wants(AuditEvent event) {
        return false;
    }

    /** One event this listener wants, with its line (without the newline) as written. */
    default void eventWritten(AuditEvent event, long seq, String line) {
    }

    /** The audit log is closing; finish or hand over within {@code timeoutMillis}. */
    default void close(long timeoutMillis) {
    }
}
