package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a thread running for a tool call is checked against: the rules of the call's role, the call (tool,
 * caller) and its decision (the risk it was classified as). Immutable, shared by every thread the call hands work to.
 *
 * @param monitor        whether violations are only recorded
 * @param threadsCreated threads created in the scope so far, by any of its threads
 */
record SandboxScope(
        SandboxRules rules, ToolCall call, Decision decision, boolean monitor, AtomicInteger threadsCreated) {

    SandboxScope(SandboxRules rules, ToolCall call, Decision decision, boolean monitor) {
        this(rules, call, decision, monitor, new AtomicInteger());
    }
}
