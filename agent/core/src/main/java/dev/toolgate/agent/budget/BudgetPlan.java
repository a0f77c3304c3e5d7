package dev.toolgate.agent.budget;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.ResourceLimits;
import dev.toolgate.agent.policy.SessionPolicy;
import dev.toolgate.agent.policy.ToolPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every role's budget and the session settings, compiled from one version of a policy. Immutable. A plan made
 * on a reload reuses the previous plan's {@link RoleBudget} of every role whose limits did not change, so the
 * sessions of that role go on exactly as before; a role whose limits changed gets a new budget of a later
 * generation, and its sessions move to it on their next call ({@link SessionState#moveTo}).
 */
final class BudgetPlan {

    private final Map<String, RoleBudget> roles = new HashMap<>();
    private final long generation;
    private final long idleExpiryNanos;
    private final long maxLiveSessions;

    BudgetPlan(Policy policy) {
        this(policy, null);
    }

    BudgetPlan(Policy policy, BudgetPlan previous) {
        this.generation = previous == null ? 1 : previous.generation + 1;
        Map<String, Long> callTimeouts = callTimeouts(policy);
        policy.roles().forEach((name, role) -> {
            ResourceLimits limits = role.resourceLimits();
            RoleBudget before = previous == null ? null : previous.roles.get(name);
            roles.put(
                    name,
                    before != null && before.sameLimits(limits, callTimeouts)
                            ? before
                            : new RoleBudget(name, limits, policy, callTimeouts, generation));
        });
        SessionPolicy sessions = policy.sessions();
        this.idleExpiryNanos = TimeUnit.SECONDS.toNanos(sessions.idleExpirySeconds());
        this.maxLiveSessions = sessions.maxLive();
    }

    /** The role's budget, or null for a role the policy does not define (its calls are refused anyway). */
    RoleBudget forRole(String role) {
        return role == null ? null : roles.get(role);
    }

    Iterable<RoleBudget> roles() {
        return roles.values();
    }

    long generation() {
        return generation;
    }

    long idleExpiryNanos() {
        return idleExpiryNanos;
    }

    long maxLiveSessions() {
        return maxLiveSessions;
    }

    private static Map<String, Long> callTimeouts(Policy policy) {
        Map<String, Long> timeouts = new HashMap<>();
        for (Map.Entry<String, ToolPolicy> tool : policy.tools().entrySet()) {
            if (tool.getValue().callTimeoutMs() != null) {
                timeouts.put(tool.getKey(), tool.getValue().callTimeoutMs());
            }
        }
        return Map.copyOf(timeouts);
    }
}
