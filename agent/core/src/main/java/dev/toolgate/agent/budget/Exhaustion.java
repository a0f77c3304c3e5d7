package dev.toolgate.agent.budget;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which budget refused a call, its limit and what had been used: the words of the denial and the counts of the
 * {@code budget_exceeded} event.
 *
 * @param budget the budget's name as in the policy, e.g. {@code max_api_calls}, {@code rate_limits[0]}
 * @param rule   the policy key that sets the limit
 * @param limit  the limit, in {@code unit}
 * @param used   what the session had used, in {@code unit}
 * @param unit   what is counted: {@code calls}, {@code tokens}, {@code s}, {@code ms}, {@code sessions}
 * @param scope  what the limit is per, e.g. {@code per session}, {@code per 60 s}
 * @param state  what stands in the way, when "N units used" does not say it; else null
 */
record Exhaustion(String budget, String rule, long limit, long used, String unit, String scope, String state) {

    Exhaustion(String budget, String rule, long limit, long used, String unit, String scope) {
        this(budget, rule, limit, used, unit, scope, null);
    }

    /** The reason given to the caller and the model. */
    String reason(String role, String sessionId) {
        String head = "budget " + budget + " of role '" + role + "' is spent (limit " + limit + " " + unit + " " + scope
                + "): ";
        String session = SessionKeys.forDisplay(sessionId);
        return state == null
                ? head + used + " " + unit + " used in session '" + session + "'"
                : head + state + " (session '" + session + "')";
    }

    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("budget", budget);
        details.put("limit", limit);
        details.put("used", used);
        details.put("unit", unit);
        details.put("per", scope);
        return details;
    }
}
