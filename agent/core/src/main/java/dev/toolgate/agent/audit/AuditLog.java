package dev.toolgate.agent.audit;

/** Where audit events go. Implementations never throw at the caller. */
public interface AuditLog extends AutoCloseable {

    /**
     * A log that accepts every event and keeps none: for deciding calls that are not tool calls (explanations,
     * the approval rules asked in advance) and for measuring the gate without a writer.
     */
    static AuditLog discarding() {
        return Discarding.INSTANCE;
    }

    /**
     * Records an event.
     *
     * @return true when the event is recorded as configured (accepted for writing; in every-event mode, on
     *         disk); false when it could not be, in which case the gate refuses calls other than READ and
     *         {@link #problem()} says why
     */
    boolean append(AuditEvent event);

    /** Why events cannot be recorded right now, or null. */
    default String problem() {
        return null;
    }

    /** Events written so far. */
    long written();

    /** Writes everything accepted so far, then stops. */
    @Override
    void close();

    /**
     * Events queued from now on name this policy in {@code policy_file} and {@code policy_sha256}: called when a
     * reloaded policy is swapped in. Logs that record no policy ignore it.
     */
    default void policyChanged(String policyFile, String policySha256) {}

    /** The log {@link #discarding()} returns. */
    enum Discarding implements AuditLog {
        INSTANCE;

        @Override
        public boolean append(AuditEvent event) {
            return true;
        }

        @Override
        public long written() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
