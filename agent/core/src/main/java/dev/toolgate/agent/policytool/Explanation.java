package dev.toolgate.agent.policytool;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.TraceStep;
import java.util.List;

/**
 * The decision on one call and the steps that produced it, in order.
 *
 * @param decision the pipeline's decision; outcome {@code pending} where a person would be asked
 */
public record Explanation(Decision decision, List<TraceStep> steps) {

    public Explanation {
        steps = List.copyOf(steps);
    }

    public CallVerdict verdict() {
        return CallVerdict.of(decision);
    }

    /** One line: verdict, reason and rule, what a failing test prints about what happened. */
    public String keyLine() {
        // a rule id is already named at the end of the reason; a policy key is not
        String named = decision.policyKey() != null ? decision.policyKey() : decision.rule();
        return verdict().wireName() + ": " + decision.reason() + (named == null ? "" : " [" + named + "]");
    }
}
