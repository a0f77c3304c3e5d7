package dev.toolgate.agent.decision;

/**
 * Looks at what a tool returned before the caller gets it: content screening of results. Runs on the exit path
 * of calls that were let through.
 */
public interface ResultStage {

    /**
     * What the caller receives and how it is recorded.
     *
     * @param result   what the caller receives: the tool's result, or a replacement for it
     * @param decision the decision to record with the outcome (the entry decision, or one that says what this
     *                 stage found)
     * @param refusal  when not null, the call ends with this reason instead of returning (enforce mode)
     */
    record Screened(Object result, Decision decision, String refusal) {}

    /** @param thrown what the tool threw, or null when it returned {@code result} */
    Screened screen(ToolCall call, Decision decision, Object result, Throwable thrown);
}
