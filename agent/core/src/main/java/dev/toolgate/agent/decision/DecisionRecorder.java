package dev.toolgate.agent.decision;

import dev.toolgate.agent.instrument.ToolDescriptor;

/**
 * Told of every decision the gate reaches, on the calling thread, right after it is reached: metrics and traces.
 * Implementations must be quick, must not allocate on the common path and must never throw.
 */
public interface DecisionRecorder {

    /** Records nothing; the gate then reads no clock for it. */
    DecisionRecorder NONE = (caller, tool, decision, startNanos, endNanos) -> {};

    /**
     * Takes the call's caller and tool rather than the call, so that the call object, which nothing else keeps,
     * need not escape the gate's frame.
     *
     * @param decision   what was decided, and by which {@link Decision#step() step}
     * @param startNanos {@link System#nanoTime} when the gate began deciding
     * @param endNanos   {@link System#nanoTime} when it had decided (approval waits included)
     */
    void decided(Caller caller, ToolDescriptor tool, Decision decision, long startNanos, long endNanos);
}
