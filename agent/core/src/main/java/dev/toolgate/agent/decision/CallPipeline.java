package dev.toolgate.agent.decision;

import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;

/**
 * The per-call steps, in order. Each step may end the call with a denial; the first denial wins.
 * <ol>
 *   <li>risk class of the tool (unknown: the highest)</li>
 *   <li>permission: the role's explicit allow-list, deny-list first</li>
 *   <li>argument validation, budgets and human approval plug in after permission</li>
 * </ol>
 */
public final class CallPipeline {

    private final RiskClassifier risks;
    private final PermissionCheck permissions;

    public CallPipeline(Policy policy) {
        this.risks = new RiskClassifier(policy);
        this.permissions = new PermissionCheck(policy);
    }

    public Decision decide(ToolDescriptor tool, Caller caller) {
        RiskLevel risk = risks.classify(tool);
        return permissions.check(caller.role(), tool.name(), risk);
    }
}
