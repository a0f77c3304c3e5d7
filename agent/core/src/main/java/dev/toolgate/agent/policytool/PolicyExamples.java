package dev.toolgate.agent.policytool;

import dev.toolgate.agent.dispatch.ToolArguments;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyCheck;
import dev.toolgate.agent.policy.PolicyExample;
import dev.toolgate.agent.validation.SettingException;

/**
 * Runs a policy's {@code examples:} when it loads, like Codex's execpolicy {@code match}/{@code not_match}: an
 * example the policy decides otherwise is a load error, so a policy cannot drift away from what its author
 * wrote down about it. The loader names the example's line; the message says what happened instead.
 */
public final class PolicyExamples {

    /** The check to give every {@link dev.toolgate.agent.policy.PolicyLoader} that loads policies for use. */
    public static final PolicyCheck POLICY_CHECK = PolicyExamples::check;

    private PolicyExamples() {}

    static void check(Policy policy) throws PolicyCheck.Problem {
        if (policy.examples().isEmpty()) {
            return;
        }
        Explainer explainer;
        try {
            explainer = Explainer.forPolicy(policy);
        } catch (SettingException e) {
            throw new PolicyCheck.Problem(e.key(), e.getMessage());
        }
        for (int i = 0; i < policy.examples().size(); i++) {
            PolicyExample example = policy.examples().get(i);
            String key = "examples[" + i + "]";
            CallVerdict expected = CallVerdict.parse(example.expect());
            if (expected == null) {
                throw new PolicyCheck.Problem(
                        key + ".expect",
                        "'" + example.expect() + "' is not a verdict; use " + CallVerdict.CHOICES + ".");
            }
            ToolArguments arguments;
            try {
                arguments = Arguments.of(example.args());
            } catch (ToolArguments.Unreadable e) {
                throw new PolicyCheck.Problem(key + ".args", "the arguments cannot be read: " + e.getMessage() + ".");
            }
            String session = example.session() == null ? "example-" + (i + 1) : example.session();
            Explanation explanation =
                    explainer.explain(new CallSpec(example.role(), example.tool(), arguments, session, null));
            String mismatch = new Expectation(expected, example.reason(), example.rule()).mismatch(explanation);
            if (mismatch != null) {
                throw new PolicyCheck.Problem(
                        key,
                        "the example" + (example.name() == null ? "" : " '" + example.name() + "'") + " (role '"
                                + example.role() + "', tool '" + example.tool() + "') fails: " + mismatch
                                + ". Fix the policy or the example; `policy explain` shows how the decision is made.");
            }
        }
    }
}
