package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * At most {@code calls} tool calls in any {@code per_seconds} window of a session, counting the calls of one risk
 * class, of the tools a name pattern matches, or (neither given) every call.
 */
public record RateLimit(
        @JsonProperty("calls") Long calls,
        @JsonProperty("per_seconds") Long perSeconds,
        @JsonProperty("risk") RiskLevel risk,
        @JsonProperty("tool") String tool) {

    /** As written: {@code per} is the duration form of {@code per_seconds}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static RateLimit read(
            @JsonProperty("calls") Long calls,
            @JsonProperty("per_seconds") Long perSeconds,
            @JsonProperty("per") String per,
            @JsonProperty("risk") RiskLevel risk,
            @JsonProperty("tool") String tool) {
        return new RateLimit(calls, DurationAlias.seconds("per", per, "per_seconds", perSeconds), risk, tool);
    }
}
