package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Policy about one tool, whoever calls it: the article's {@code TOOL_RISK} entry.
 *
 * @param callTimeoutMs how long one call may run before the watchdog interrupts it; null for no timeout
 */
public record ToolPolicy(
        @JsonProperty("risk") RiskLevel risk,
        @JsonProperty("description") String description,
        @JsonProperty("call_timeout_ms") Long callTimeoutMs) {

    public ToolPolicy(RiskLevel risk, String description) {
        this(risk, description, null);
    }
}
