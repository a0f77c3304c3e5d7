package dev.toolgate.agent.decision;

/** Told of every decision as it is made, allowed or not: for alerts. Must not block. */
public interface DecisionListener {

    void decided(ToolCall call, Decision decision);
}
