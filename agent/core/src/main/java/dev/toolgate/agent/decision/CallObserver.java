package dev.toolgate.agent.decision;

/** Told how every call that ran ended: for accounting that needs the outcome (budgets, alerts). */
public interface CallObserver {

    void completed(ToolCall call, Decision decision, Object result, Throwable thrown, long durationNanos);

    /**
     * A call the gate let through is about to run its body (in monitor mode, refused calls too). What this
     * returns is handed to {@link #ending} when the body ends.
     */
    default Object started(ToolCall call, Decision decision) {
        return null;
    }

    /**
     * The body ended, before {@link #completed}: the observer may end the call differently for its caller.
     *
     * @param startToken what {@link #started} returned
     * @param thrown     what the body threw (or an earlier observer put in its place); null if it returned
     * @return {@code thrown} to leave the outcome alone, or an exception the call ends with instead (a returned
     *         value is then discarded)
     */
    default Throwable ending(ToolCall call, Object startToken, Object result, Throwable thrown) {
        return thrown;
    }
}
