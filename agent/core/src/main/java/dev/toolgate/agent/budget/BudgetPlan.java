package dev.toolgate.agent.budget;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.SessionPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Every role's budget and the session settings, compiled from a policy once. Immutable. */
final class BudgetPlan {

    private final Map<String, RoleBudget> roles = new HashMap<>();
    private final long idleExpiryNanos;
    private final long maxLiveSessions;

    BudgetPlan(Policy policy) {
        policy.roles().forEach((name, role) -> roles.put(name, new RoleBudget(name, role.resourceLimits(), policy)));
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

    long idleExpiryNanos() {
        return idleExpiryNanos;
    }

    long maxLiveSessions() {
        return maxLiveSessions;
    }
}
