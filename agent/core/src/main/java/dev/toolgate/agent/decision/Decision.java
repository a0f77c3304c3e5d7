package dev.toolgate.agent.decision;

import dev.toolgate.agent.policy.RiskLevel;

/**
 * The gate's verdict on one call, with the rule that decided it. Immutable; the permission step shares one
 * instance per (role, tool) pair, later steps derive new ones.
 *
 * @param outcome  allow or deny
 * @param risk     the tool's risk class
 * @param reason   why, in words fit for the model and the auditor
 * @param rule     the policy key that decided, for instance {@code roles.data_agent.denied_tools}
 * @param approval the approval step's result, or null when no approval was involved
 * @param step     the step whose conclusion this is (for metrics and traces); {@link DecidingStep#PERMISSION} until
 *                 the pipeline says otherwise
 * @param flow     what the provenance step found about the call's arguments, or null when it did not look
 * @param policyKey the policy key under which the deciding rule applied ({@code tools.run_shell.params.command})
 *                 when {@code rule} is the id of a rule of the rule pack or of a validator's built-in check
 *                 ({@code shell.rm-recursive-root}); null when {@code rule} is itself the policy key
 */
public record Decision(
        Outcome outcome,
        RiskLevel risk,
        String reason,
        String rule,
        Approval approval,
        DecidingStep step,
        Flow flow,
        String policyKey) {

    public Decision(Outcome outcome, RiskLevel risk, String reason, String rule, Approval approval) {
        this(outcome, risk, reason, rule, approval, DecidingStep.PERMISSION, null, null);
    }

    public static Decision allow(RiskLevel risk, String reason, String rule) {
        return new Decision(Outcome.ALLOW, risk, reason, rule, null);
    }

    public static Decision deny(RiskLevel risk, String reason, String rule) {
        return new Decision(Outcome.DENY, risk, reason, rule, null);
    }

    /** This decision's risk with another outcome, reason and rule: what a later stage decided. */
    public Decision then(Outcome outcome, String reason, String rule) {
        return new Decision(outcome, risk, reason, rule, approval, step, flow, null);
    }

    /**
     * What a later stage decided by the rule {@code ruleId} (null when the check has no id) that applies under
     * {@code policyKey}: the rule is the id, the policy key is kept beside it.
     */
    public Decision thenByRule(Outcome outcome, String reason, String ruleId, String policyKey) {
        return ruleId == null
                ? then(outcome, reason, policyKey)
                : new Decision(outcome, risk, reason, ruleId, approval, step, flow, policyKey);
    }

    /** This decision with the approval step's result recorded. */
    public Decision withApproval(Outcome outcome, String reason, String rule, Approval result) {
        return new Decision(outcome, risk, reason, rule, result, step, flow, null);
    }

    /** This decision as the conclusion of {@code deciding}. */
    public Decision at(DecidingStep deciding) {
        return deciding == step ? this : new Decision(outcome, risk, reason, rule, approval, deciding, flow, policyKey);
    }

    /** This decision with what the provenance step found recorded. */
    public Decision withFlow(Outcome nextOutcome, String nextReason, String nextRule, Approval result, Flow found) {
        return new Decision(nextOutcome, risk, nextReason, nextRule, result, step, found, null);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    public String approvalStatus() {
        return approval == null ? null : approval.status();
    }

    public String approver() {
        return approval == null ? null : approval.approver();
    }
}
