package dev.toolgate.agent.gate;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;

/**
 * A call the gate let through, carried from entry to exit of the tool method.
 *
 * @param observerTokens what each observer's {@code started} returned, by observer
 */
record ActiveCall(ToolCall call, Decision decision, long startNanos, Object[] observerTokens) {
}
