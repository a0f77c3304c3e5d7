package dev.toolgate.agent.audit;

/** Where audit events go. Implementations never lose an accepted event and never throw at the caller. */
public interface AuditLog extends AutoCloseable {

    void append(AuditEvent event);

    /** Events written so far. */
    long written();

    /** Writes everything accepted so far, then stops. */
    @Override
    void close();
}
