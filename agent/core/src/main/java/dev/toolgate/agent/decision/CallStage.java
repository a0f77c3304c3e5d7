package dev.toolgate.agent.decision;

/**
 * One step of the per-call pipeline after permission: argument validation, budgets, approval. Stages run in
 * order; the first that denies ends the pipeline.
 */
public interface CallStage {

    /**
     * Decides about {@code call}, given what the earlier steps decided.
     *
     * @param current the decision so far: always an allow, carrying the tool's risk
     * @return {@code current} to let the call go on unchanged, another allow (for instance one that records an
     *         approval), or a deny that ends the pipeline
     */
    Decision apply(ToolCall call, Decision current);

    /**
     * Decides like {@link #apply} and records in {@code trace} what was concluded and why; never asks a person
     * or anything outside the JVM. Stages that can say more than their decision (which validator refused, which
     * approval rule matched) override this; the default records the decision.
     */
    default Decision explain(ToolCall call, Decision current, CallTrace trace) {
        Decision next = apply(call, current);
        trace.add(
                getClass().getSimpleName(),
                next.outcome().wireName(),
                next == current ? "no change" : next.reason(),
                next == current ? null : next.rule());
        return next;
    }
}
