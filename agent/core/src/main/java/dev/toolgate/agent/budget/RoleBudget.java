package dev.toolgate.agent.budget;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RateLimit;
import dev.toolgate.agent.policy.ResourceLimits;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.ToolPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One role's {@code resource_limits}, compiled. Counter 0 counts every call of a session, limited by
 * {@code max_api_calls} or not, so events always carry the session's call count. Which limits a tool's calls
 * count against is worked out once per tool and reused.
 */
final class RoleBudget {

    static final int CALLS = 0;

    private final String role;
    /** The plan generation that made this budget; sessions only ever move to a later one. */
    private final long generation;

    private final ResourceLimits limits;
    private final Map<String, Long> callTimeouts;
    private final CounterLimit[] counters;
    private final WindowLimit[] windows;
    private final long maxTokens;
    private final long sessionTimeoutNanos;
    private final boolean denyModelCalls;
    private final Long roleCallTimeoutMs;
    private final Map<String, ToolPolicy> tools;
    private final Map<String, Applicable> byTool = new ConcurrentHashMap<>();
    private final boolean limited;

    /** The limits one tool's calls count against, and its per-call timeout. */
    record Applicable(RiskLevel risk, int[] counters, int[] windows, long callTimeoutMs, String callTimeoutRule) {
        boolean timed() {
            return callTimeoutMs > 0;
        }
    }

    RoleBudget(String role, ResourceLimits limits, Policy policy, Map<String, Long> callTimeouts, long generation) {
        this.role = role;
        this.generation = generation;
        this.limits = limits;
        this.callTimeouts = callTimeouts;
        this.tools = policy.tools();
        this.limited = limits != null;
        String base = "roles." + role + ".resource_limits";
        ResourceLimits given = limits == null ? new ResourceLimits(null, null, null) : limits;
        List<CounterLimit> counterList = new ArrayList<>();
        counterList.add(new CounterLimit(
                "max_api_calls",
                base + ".max_api_calls",
                given.maxApiCalls() == null ? Long.MAX_VALUE : given.maxApiCalls(),
                Selector.EVERY_CALL));
        given.maxCallsPerTool()
                .forEach((pattern, limit) -> counterList.add(new CounterLimit(
                        "max_calls_per_tool." + pattern,
                        base + ".max_calls_per_tool." + pattern,
                        limit,
                        Selector.of(null, pattern))));
        given.maxCallsPerRisk()
                .forEach((risk, limit) -> counterList.add(new CounterLimit(
                        "max_calls_per_risk." + risk,
                        base + ".max_calls_per_risk." + risk,
                        limit,
                        Selector.of(RiskLevel.parse(risk), null))));
        this.counters = counterList.toArray(new CounterLimit[0]);
        List<WindowLimit> windowList = new ArrayList<>();
        for (int i = 0; i < given.rateLimits().size(); i++) {
            RateLimit rate = given.rateLimits().get(i);
            windowList.add(new WindowLimit(
                    "rate_limits[" + i + "]",
                    base + ".rate_limits[" + i + "]",
                    Math.toIntExact(rate.calls()),
                    TimeUnit.SECONDS.toNanos(rate.perSeconds()),
                    Selector.of(rate.risk(), rate.tool())));
        }
        this.windows = windowList.toArray(new WindowLimit[0]);
        this.maxTokens = given.maxTokens() == null ? Long.MAX_VALUE : given.maxTokens();
        this.sessionTimeoutNanos =
                given.timeoutSeconds() == null ? 0 : TimeUnit.SECONDS.toNanos(given.timeoutSeconds());
        this.denyModelCalls = Boolean.TRUE.equals(given.denyModelCalls());
        this.roleCallTimeoutMs = given.callTimeoutMs();
    }

    String role() {
        return role;
    }

    long generation() {
        return generation;
    }

    /** Whether a reloaded policy gives this role the same limits and its tools the same call timeouts. */
    boolean sameLimits(ResourceLimits otherLimits, Map<String, Long> otherCallTimeouts) {
        return java.util.Objects.equals(limits, otherLimits) && callTimeouts.equals(otherCallTimeouts);
    }

    /** Whether the policy gives the role any resource_limits at all. */
    boolean limited() {
        return limited;
    }

    CounterLimit counter(int index) {
        return counters[index];
    }

    int counterCount() {
        return counters.length;
    }

    WindowLimit window(int index) {
        return windows[index];
    }

    int windowCount() {
        return windows.length;
    }

    long maxTokens() {
        return maxTokens;
    }

    boolean limitsTokens() {
        return maxTokens != Long.MAX_VALUE;
    }

    long sessionTimeoutNanos() {
        return sessionTimeoutNanos;
    }

    boolean denyModelCalls() {
        return denyModelCalls && limitsTokens();
    }

    Applicable applicableTo(String tool, RiskLevel risk) {
        Applicable applicable = byTool.get(tool);
        if (applicable == null || applicable.risk() != risk) {
            applicable = compute(tool, risk);
            byTool.put(tool, applicable);
        }
        return applicable;
    }

    private Applicable compute(String tool, RiskLevel risk) {
        int[] counterIndexes = new int[counters.length];
        int n = 0;
        for (int i = 0; i < counters.length; i++) {
            if (counters[i].selector().counts(tool, risk)) {
                counterIndexes[n++] = i;
            }
        }
        int[] windowIndexes = new int[windows.length];
        int w = 0;
        for (int i = 0; i < windows.length; i++) {
            if (windows[i].selector().counts(tool, risk)) {
                windowIndexes[w++] = i;
            }
        }
        ToolPolicy toolPolicy = tools.get(tool);
        Long toolTimeout = toolPolicy == null ? null : toolPolicy.callTimeoutMs();
        long timeout;
        String rule;
        if (toolTimeout != null && (roleCallTimeoutMs == null || toolTimeout <= roleCallTimeoutMs)) {
            timeout = toolTimeout;
            rule = "tools." + tool + ".call_timeout_ms";
        } else if (roleCallTimeoutMs != null) {
            timeout = roleCallTimeoutMs;
            rule = "roles." + role + ".resource_limits.call_timeout_ms";
        } else {
            timeout = 0;
            rule = null;
        }
        return new Applicable(
                risk,
                java.util.Arrays.copyOf(counterIndexes, n),
                java.util.Arrays.copyOf(windowIndexes, w),
                timeout,
                rule);
    }
}
