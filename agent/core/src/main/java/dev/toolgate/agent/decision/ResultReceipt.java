package dev.toolgate.agent.decision;

/**
 * The audit record of one tool result, filled in when the audit writer gives it its {@code seq}: a later call
 * whose argument came from that result names it.
 */
public final class ResultReceipt {

    private volatile long seq = -1;

    /** The audit {@code seq} of the result's event; -1 until it is written. */
    public long seq() {
        return seq;
    }

    /** Set once by the audit writer. */
    public void written(long assigned) {
        seq = assigned;
    }
}
