package dev.toolgate.agent.decision;

import dev.toolgate.agent.policy.RiskLevel;

/**
 * The gate's verdict on one call, with the rule that decided it. Immutable and shared: the same (role, tool)
 * pair gets the same instance every time.
 *
 * @param outcome allow or deny
 * @param risk    the tool's risk class
 * @param reason  why, in words fit for the model and the auditor
 * @param rule    the policy key that decided, for instance {@code roles.data_agent.denied_tools}
 * @param approvalStatus null when no approval was involved; else approved, denied, timed_out or auto
 * @param approver who approved or denied, when a person or a rule did
 */
public record Decision(Outcome outcome, RiskLevel risk, String reason, String rule, String approvalStatus,
                       String approver) {

    public static Decision allow(RiskLevel risk, String reason, String rule) {
        return new Decision(Outcome.ALLOW, risk, reason, rule, null, null);
    }

    public static Decision deny(RiskLevel risk, String reason, String rule) {
        return new Decision(Outcome.DENY, risk, reason, rule, null, null);
    }

    /** This decision's risk with another outcome, reason and rule: what a later stage decided. */
    public Decision then(Outcome outcome, String reason, String rule) {
        return new Decision(outcome, risk, reason, rule, approvalStatus, approver);
    }

    /** This decision with the approval recorded. */
    public Decision withApproval(Outcome outcome, String reason, String rule, String status, String by) {
        return new Decision(outcome, risk, reason, rule, status, by);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
