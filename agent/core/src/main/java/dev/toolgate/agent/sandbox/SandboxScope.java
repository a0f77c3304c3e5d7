package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;

/**
 * What a thread running for a tool call is checked against: the rules of the call's role, the call (tool,
 * caller) and its decision (the risk it was classified as). Immutable, shared by every thread the call hands work to.
 *
 * @param monitor whether violations are only recorded
 */
record SandboxScope(SandboxRules rules, ToolCall call, Decision decision, boolean monitor) {}
