package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import java.util.Map;

/** Refuses the calls of a session that has reached its role's {@code sandbox.max_violations}. */
final class ViolationLimit implements CallStage {

    private final Map<String, SandboxRules> rules;
    private final Violations violations;

    ViolationLimit(Map<String, SandboxRules> rules, Violations violations) {
        this.rules = rules;
        this.violations = violations;
    }

    @Override
    public Decision apply(ToolCall call, Decision current) {
        SandboxRules role = ScopeObserver.rulesOf(rules, call.caller().role());
        if (role.maxViolations < 0) {
            return current;
        }
        long count = violations.count(call.caller());
        if (count < role.maxViolations) {
            return current;
        }
        return Decision.deny(
                current.risk(),
                "the session's tools tried " + count + " operations the sandbox refused (the limit is "
                        + role.maxViolations + "); its calls are refused",
                role.key + ".max_violations");
    }
}
