package dev.toolgate.agent.gate;

import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.decision.ResultCapture;
import dev.toolgate.agent.decision.ResultStage;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Everything the gate applies that comes from one version of the policy: the decision pipeline, result
 * screening, the observers of running calls and the token accounts. Immutable. A call takes the gate's current
 * one when it enters and keeps it until it exits, so a policy swapped in while a call runs never changes how
 * that call ends.
 */
public final class Enforcement {

    static final ResultStage NO_SCREENING =
            (call, decision, result, thrown) -> new ResultStage.Screened(result, decision, null);

    final CallPipeline pipeline;
    final ResultStage results;
    final CallObserver[] observers;
    /** Null when no role's results are remembered: the exit path then does not even look at the result's text. */
    final ResultCapture capture;

    final ToLongFunction<Caller> tokensUsed;
    final DecisionRecorder recorder;

    private Enforcement(Builder builder) {
        this.pipeline = builder.pipeline;
        this.results = builder.results;
        this.observers = builder.observers.toArray(new CallObserver[0]);
        this.tokensUsed = builder.tokensUsed;
        this.recorder = builder.recorder;
        this.capture = builder.capture;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pipeline calls are decided by. */
    public CallPipeline pipeline() {
        return pipeline;
    }

    /** The parts of one policy version; the pipeline is required. */
    public static final class Builder {
        private CallPipeline pipeline;
        private ResultStage results = NO_SCREENING;
        private List<CallObserver> observers = List.of();
        private ToLongFunction<Caller> tokensUsed = caller -> 0;
        private DecisionRecorder recorder = DecisionRecorder.NONE;
        private ResultCapture capture;

        private Builder() {}

        public Builder pipeline(CallPipeline decisions) {
            this.pipeline = decisions;
            return this;
        }

        /** Screens what tools return before callers get it. */
        public Builder resultScreening(ResultStage stage) {
            this.results = stage == null ? NO_SCREENING : stage;
            return this;
        }

        /** Told how every call that ran ended (budgets' watchdog and accounting). */
        public Builder observers(List<CallObserver> callObservers) {
            this.observers = List.copyOf(callObservers);
            return this;
        }

        /** The tokens a caller's session has used so far, for {@code tokens_used} in events. */
        public Builder tokensUsed(ToLongFunction<Caller> used) {
            this.tokensUsed = used;
            return this;
        }

        /** Told of every decision (metrics, traces); none by default. */
        public Builder recorder(DecisionRecorder decisions) {
            this.recorder = decisions == null ? DecisionRecorder.NONE : decisions;
            return this;
        }

        /** Remembers what results held, for the provenance of later calls; null for none. */
        public Builder resultCapture(ResultCapture remembered) {
            this.capture = remembered;
            return this;
        }

        public Enforcement build() {
            if (pipeline == null) {
                throw new IllegalStateException("an Enforcement needs a pipeline");
            }
            return new Enforcement(this);
        }
    }
}
