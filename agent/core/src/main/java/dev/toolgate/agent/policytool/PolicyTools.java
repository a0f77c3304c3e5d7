package dev.toolgate.agent.policytool;

import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.sandbox.Sandbox;
import dev.toolgate.agent.validation.ValidationSettings;

/** The policy loader as the agent builds it: shape, validation settings, and the policy's own examples. */
public final class PolicyTools {

    private PolicyTools() {}

    /** A loader that runs every check the agent runs at start-up, the examples last. */
    public static PolicyLoader loader() {
        return new PolicyLoader(ValidationSettings.POLICY_CHECK, Sandbox.policyCheck(), PolicyExamples.POLICY_CHECK);
    }
}
