package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The article's {@code resource_limits}: kept as read; budgets are enforced by the budget stage. */
public record ResourceLimits(
        @JsonProperty("max_api_calls") Long maxApiCalls,
        @JsonProperty("max_tokens") Long maxTokens,
        @JsonProperty("timeout_seconds") Long timeoutSeconds) {
}
