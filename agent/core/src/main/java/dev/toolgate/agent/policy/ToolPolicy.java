package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Policy about one tool, whoever calls it: the article's {@code TOOL_RISK} entry. */
public record ToolPolicy(
        @JsonProperty("risk") RiskLevel risk,
        @JsonProperty("description") String description) {
}
