package dev.toolgate.agent.gate;

import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;

/** A call the gate let through, carried from entry to exit of the tool method. */
record ActiveCall(ToolDescriptor tool, Caller caller, Decision decision, long startNanos) {
}
