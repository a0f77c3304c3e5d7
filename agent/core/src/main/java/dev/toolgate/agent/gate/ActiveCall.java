package dev.toolgate.agent.gate;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;

/**
 * A call the gate let through, carried from entry to exit of the tool method.
 *
 * @param observerTokens what each observer's {@code started} returned, by observer
 * @param replacement    one slot: what the caller receives instead of the result, set by result screening on exit;
 *                       {@link #UNCHANGED} until then
 */
record ActiveCall(ToolCall call, Decision decision, long startNanos, Object[] observerTokens, Object[] replacement) {

    static final Object UNCHANGED = new Object();

    ActiveCall(ToolCall call, Decision decision, long startNanos, Object[] observerTokens) {
        this(call, decision, startNanos, observerTokens, new Object[] {UNCHANGED});
    }
}
