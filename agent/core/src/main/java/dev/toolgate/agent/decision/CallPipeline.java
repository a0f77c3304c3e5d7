package dev.toolgate.agent.decision;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;

/**
 * What is decided before a call runs, step by step; the first denial ends it:
 * <ol>
 *   <li>risk class of the tool (unknown: the highest);</li>
 *   <li>permission: the role's explicit allow-list, deny-list first, default deny;</li>
 *   <li>the sandbox's violation limit: a session whose tools tried too many refused operations is refused;</li>
 *   <li>argument validation and content screening;</li>
 *   <li>provenance: whether a sink call's arguments came from untrusted data of the conversation;</li>
 *   <li>budgets (counted before a person is asked, so a runaway agent cannot flood the approvers);</li>
 *   <li>human approval where the risk or an earlier step demands it.</li>
 * </ol>
 * A call that a step marked {@link Approval#REQUIRED} and that no approval step answered is refused. Every tool
 * call, whether it reached a tool method or a framework's dispatch point, is decided here.
 */
public final class CallPipeline {

    private static final CallStage NONE = (call, current) -> current;

    private final RiskClassifier risks;
    private final PermissionCheck permissions;
    private final CallStage sandbox;
    private final CallStage validation;
    private final CallStage provenance;
    private final CallStage budgets;
    private final CallStage approval;

    private CallPipeline(Builder builder) {
        this.risks = new RiskClassifier(builder.policy);
        this.permissions = new PermissionCheck(builder.policy);
        this.sandbox = builder.sandbox;
        this.validation = builder.validation;
        this.provenance = builder.provenance;
        this.budgets = builder.budgets;
        this.approval = builder.approval;
    }

    public static Builder forPolicy(Policy policy) {
        return new Builder(policy);
    }

    public Decision decide(ToolCall call) {
        RiskLevel risk = risks.classify(call.tool());
        Decision decision = permissions.check(
                call.caller().role(), call.tool().name(), call.tool().qualifiedName(), risk);
        Decision next = then(sandbox, call, decision);
        if (next != decision) {
            decision = next.at(DecidingStep.SANDBOX);
        }
        next = then(validation, call, decision);
        if (next != decision) {
            decision = next.at(DecidingStep.ofValidation(next));
        }
        if ((next = then(provenance, call, decision)) != decision) {
            decision = next.at(DecidingStep.PROVENANCE);
        }
        if ((next = then(budgets, call, decision)) != decision) {
            decision = next.at(DecidingStep.BUDGET);
        }
        if ((next = then(approval, call, decision)) != decision) {
            decision = next.at(DecidingStep.APPROVAL);
        }
        if (decision.allowed() && Approval.REQUIRED.equals(decision.approvalStatus())) {
            // A step asked for a person and no approval step answered: never let such a call through.
            return decision.withApproval(
                            Outcome.DENY,
                            decision.reason() + "; a person must approve this call and"
                                    + " no approval step is configured",
                            decision.rule(),
                            decision.approval())
                    .at(DecidingStep.APPROVAL);
        }
        return decision;
    }

    /**
     * Decides {@code call} as {@link #decide} does and records every step in {@code trace}. Asks nobody: where a
     * person would be asked, the decision is {@link Outcome#PENDING} with {@link Approval#REQUIRED}, provided the
     * approval stage explains itself (the built-in one does). A separate method so that {@link #decide}, the
     * gate's hot path, stays as it is.
     */
    public Decision explain(ToolCall call, CallTrace trace) {
        RiskLevel risk = risks.explain(call.tool(), trace);
        Decision decision = permissions.explain(
                call.caller().role(), call.tool().name(), call.tool().qualifiedName(), risk, trace);
        if (sandbox != NONE) {
            // Violations are counted while tools run: an explanation made offline has none to show.
            decision = explain("sandbox", sandbox, call, decision, trace);
        }
        decision = explain("validation", validation, call, decision, trace);
        decision = explain("provenance", provenance, call, decision, trace);
        decision = explain("budgets", budgets, call, decision, trace);
        decision = explain("approval", approval, call, decision, trace);
        if (decision.allowed() && Approval.REQUIRED.equals(decision.approvalStatus())) {
            trace.add("approval", "deny", "a person must approve this call and no approval step is configured", null);
            return decision.withApproval(
                    Outcome.DENY,
                    decision.reason() + "; a person must approve this call and" + " no approval step is configured",
                    decision.rule(),
                    decision.approval());
        }
        return decision;
    }

    private static Decision explain(String step, CallStage stage, ToolCall call, Decision decision, CallTrace trace) {
        if (!decision.allowed()) {
            return decision;
        }
        if (stage == NONE) {
            trace.add(step, "skip", "not configured", null);
            return decision;
        }
        return stage.explain(call, decision, trace);
    }

    /** The decision for a call refused before any step could look at it (its request could not be read). */
    public Decision refused(ToolCall call, String reason, String rule) {
        return Decision.deny(risks.classify(call.tool()), reason, rule).at(DecidingStep.VALIDATOR);
    }

    private static Decision then(CallStage stage, ToolCall call, Decision decision) {
        return decision.allowed() ? stage.apply(call, decision) : decision;
    }

    /** The steps after permission; a step left out lets every call through unchanged. */
    public static final class Builder {
        private final Policy policy;
        private CallStage sandbox = NONE;
        private CallStage validation = NONE;
        private CallStage provenance = NONE;
        private CallStage budgets = NONE;
        private CallStage approval = NONE;

        private Builder(Policy policy) {
            this.policy = policy;
        }

        /** Refuses the calls of sessions whose tools reached their sandbox violation limit. */
        public Builder sandbox(CallStage stage) {
            this.sandbox = stage;
            return this;
        }

        public Builder validation(CallStage stage) {
            this.validation = stage;
            return this;
        }

        /** The flow rules; null leaves the step out. */
        public Builder provenance(CallStage stage) {
            this.provenance = stage == null ? NONE : stage;
            return this;
        }

        public Builder budgets(CallStage stage) {
            this.budgets = stage;
            return this;
        }

        public Builder approval(CallStage stage) {
            this.approval = stage;
            return this;
        }

        public CallPipeline build() {
            return new CallPipeline(this);
        }
    }
}
