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
 */
public record Decision(Outcome outcome, RiskLevel risk, String reason, String rule) {

    public static Decision allow(RiskLevel risk, String reason, String rule) {
        return new Decision(Outcome.ALLOW, risk, reason, rule);
    }

    public static Decision deny(RiskLevel risk, String reason, String rule) {
        return new Decision(Outcome.DENY, risk, reason, rule);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
