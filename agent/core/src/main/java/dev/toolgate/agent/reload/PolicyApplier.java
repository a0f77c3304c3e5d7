package dev.toolgate.agent.reload;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;

/**
 * What the agent builds from a policy: implemented by the composition root, which knows every capability. The
 * two steps keep a reload all-or-nothing: everything that can fail happens in {@link #prepare}, while the policy
 * in force stays untouched; {@link Prepared#activate} only swaps references.
 */
@FunctionalInterface
public interface PolicyApplier {

    /**
     * Compiles the policy's stages (validators, approval rules, budgets) without putting them in force.
     *
     * @throws PolicyException when a capability cannot use the policy; the message names the key
     */
    Prepared prepare(Policy policy) throws PolicyException;

    /** A compiled policy, ready to be swapped in. */
    @FunctionalInterface
    interface Prepared {
        /** Makes the policy the one new calls are decided by; must not fail. */
        void activate();
    }
}
