package dev.toolgate.agent.policytool;

/**
 * What a test case or an example says a call comes to.
 *
 * @param verdict the expected verdict
 * @param reason  a text the decision's reason must contain, or null
 * @param rule    the rule that must have decided, exactly: its policy key or, for a validator's or screening's
 *                refusal, the rule id ({@code shell.rm-recursive-root}); or null
 */
public record Expectation(CallVerdict verdict, String reason, String rule) {

    /** @return null when {@code explanation} meets this expectation, else what differs */
    public String mismatch(Explanation explanation) {
        CallVerdict actual = explanation.verdict();
        String reasonText = explanation.decision().reason();
        String ruleText = explanation.decision().rule();
        if (actual != verdict) {
            return "expected " + verdict.wireName() + ", got " + explanation.keyLine();
        }
        if (reason != null && (reasonText == null || !reasonText.contains(reason))) {
            return "expected a reason containing '" + reason + "', got " + explanation.keyLine();
        }
        if (rule != null
                && !rule.equals(ruleText)
                && !rule.equals(explanation.decision().policyKey())) {
            return "expected rule '" + rule + "', got rule '" + ruleText + "' (" + explanation.keyLine() + ")";
        }
        return null;
    }
}
