package dev.toolgate.agent.decision;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import java.util.List;

/**
 * The per-call steps, in order; the first denial wins.
 * <ol>
 *   <li>risk class of the tool (unknown: the highest)</li>
 *   <li>permission: the role's explicit allow-list, deny-list first</li>
 *   <li>the stages, in the order given: argument validation, budgets, human approval</li>
 * </ol>
 * A call that a stage marked {@link Approval#REQUIRED} and that no approval step answered is refused.
 */
public final class CallPipeline {

    private final RiskClassifier risks;
    private final PermissionCheck permissions;
    private final CallStage[] stages;

    public CallPipeline(Policy policy, List<CallStage> stages) {
        this.risks = new RiskClassifier(policy);
        this.permissions = new PermissionCheck(policy);
        this.stages = stages.toArray(new CallStage[0]);
    }

    public Decision decide(ToolCall call) {
        RiskLevel risk = risks.classify(call.tool());
        Decision decision = permissions.check(call.caller().role(), call.tool().name(), risk);
        for (int i = 0; i < stages.length && decision.allowed(); i++) {
            decision = stages[i].apply(call, decision);
        }
        if (decision.allowed() && Approval.REQUIRED.equals(decision.approvalStatus())) {
            // A stage asked for a person and no approval step answered: never let such a call through.
            return decision.withApproval(Outcome.DENY, decision.reason() + "; a person must approve this call and"
                    + " no approval step is configured", decision.rule(), decision.approval());
        }
        return decision;
    }
}
