package dev.toolgate.agent.decision;

/** Told how every call that ran ended: for accounting that needs the outcome (budgets, alerts). */
public interface CallObserver {

    void completed(ToolCall call, Decision decision, Object result, Throwable thrown, long durationNanos);
}
