package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The article's {@code resource_limits} of a role, enforced per session by the budget stage. Every limit is
 * optional; a missing one is no limit.
 *
 * @param maxApiCalls      tool calls per session
 * @param maxTokens        model tokens per session, as reported by the API or read from framework responses
 * @param timeoutSeconds   wall-clock budget of a session, from its first call
 * @param maxCallsPerTool  tool calls per session by tool name pattern; a pattern counts the tools it matches together
 * @param maxCallsPerRisk  tool calls per session by risk class ({@code read}, {@code delete}, …)
 * @param rateLimits       sliding-window limits per session
 * @param callTimeoutMs    per-call timeout for every tool of the role (a tool's own {@code call_timeout_ms} may be
 *                         shorter)
 * @param denyModelCalls   when {@code max_tokens} is spent, refuse model calls too, not only tool calls
 */
public record ResourceLimits(
        @JsonProperty("max_api_calls") Long maxApiCalls,
        @JsonProperty("max_tokens") Long maxTokens,
        @JsonProperty("timeout_seconds") Long timeoutSeconds,
        @JsonProperty("max_calls_per_tool") Map<String, Long> maxCallsPerTool,
        @JsonProperty("max_calls_per_risk") Map<String, Long> maxCallsPerRisk,
        @JsonProperty("rate_limits") List<RateLimit> rateLimits,
        @JsonProperty("call_timeout_ms") Long callTimeoutMs,
        @JsonProperty("deny_model_calls") Boolean denyModelCalls) {

    public ResourceLimits {
        // LinkedHashMap, not Map.copyOf: the order written is the order reported, and values may be null until
        // validated.
        maxCallsPerTool = maxCallsPerTool == null ? Map.of() : new LinkedHashMap<>(maxCallsPerTool);
        maxCallsPerRisk = maxCallsPerRisk == null ? Map.of() : new LinkedHashMap<>(maxCallsPerRisk);
        rateLimits = rateLimits == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rateLimits));
    }

    /** The article's three limits only. */
    public ResourceLimits(Long maxApiCalls, Long maxTokens, Long timeoutSeconds) {
        this(maxApiCalls, maxTokens, timeoutSeconds, null, null, null, null, null);
    }

    /** As written: {@code timeout} and {@code call_timeout} are the duration forms of the older keys. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static ResourceLimits read(
            @JsonProperty("max_api_calls") Long maxApiCalls,
            @JsonProperty("max_tokens") Long maxTokens,
            @JsonProperty("timeout_seconds") Long timeoutSeconds,
            @JsonProperty("timeout") String timeout,
            @JsonProperty("max_calls_per_tool") Map<String, Long> maxCallsPerTool,
            @JsonProperty("max_calls_per_risk") Map<String, Long> maxCallsPerRisk,
            @JsonProperty("rate_limits") List<RateLimit> rateLimits,
            @JsonProperty("call_timeout_ms") Long callTimeoutMs,
            @JsonProperty("call_timeout") String callTimeout,
            @JsonProperty("deny_model_calls") Boolean denyModelCalls) {
        return new ResourceLimits(
                maxApiCalls,
                maxTokens,
                DurationAlias.seconds("timeout", timeout, "timeout_seconds", timeoutSeconds),
                maxCallsPerTool,
                maxCallsPerRisk,
                rateLimits,
                DurationAlias.millis("call_timeout", callTimeout, "call_timeout_ms", callTimeoutMs),
                denyModelCalls);
    }
}
