package dev.toolgate.agent.budget;

import dev.toolgate.agent.policy.Glob;
import dev.toolgate.agent.policy.RiskLevel;

/** Which calls a limit counts: every call, those of one risk class, or those of the tools a pattern matches. */
record Selector(RiskLevel risk, Glob tool) {

    static final Selector EVERY_CALL = new Selector(null, null);

    static Selector of(RiskLevel risk, String toolPattern) {
        return new Selector(risk, toolPattern == null ? null : Glob.of(toolPattern));
    }

    boolean counts(String toolName, RiskLevel callRisk) {
        return (risk == null || risk == callRisk) && (tool == null || tool.matches(toolName));
    }

    /** "external calls", "calls of send_*", "calls". */
    String describe() {
        if (risk != null) {
            return risk.wireName() + " calls";
        }
        return tool != null ? "calls of " + tool : "calls";
    }
}
