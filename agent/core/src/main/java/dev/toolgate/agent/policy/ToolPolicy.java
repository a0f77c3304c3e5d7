package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Policy about one tool, whoever calls it: the article's {@code TOOL_RISK} entry, and how its arguments and
 * results are validated and screened (read and checked by {@code dev.toolgate.agent.validation}).
 *
 * @param callTimeoutMs how long one call may run before the watchdog interrupts it; null for no timeout
 * @param params       per parameter: {@code validator:} and that validator's options
 * @param schema       a JSON Schema fragment that tightens the schema derived from the method's signature
 * @param screenArgs   prompt-injection screening of string arguments: off, flag, redact or block
 * @param screenResult prompt-injection screening of the returned string: off, flag, redact or block
 * @param exfiltration secrets in the arguments: deny, approve, flag or off
 */
public record ToolPolicy(
        @JsonProperty("risk") RiskLevel risk,
        @JsonProperty("description") String description,
        @JsonProperty("call_timeout_ms") Long callTimeoutMs,
        @JsonProperty("params") Map<String, Map<String, Object>> params,
        @JsonProperty("schema") Map<String, Object> schema,
        @JsonProperty("screen_args") String screenArgs,
        @JsonProperty("screen_result") String screenResult,
        @JsonProperty("exfiltration") String exfiltration) {

    public ToolPolicy(RiskLevel risk, String description) {
        this(risk, description, null);
    }

    public ToolPolicy(RiskLevel risk, String description, Long callTimeoutMs) {
        this(risk, description, callTimeoutMs, null, null, null, null, null);
    }

    public ToolPolicy {
        params = params == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** As written: {@code call_timeout} is the duration form of {@code call_timeout_ms}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static ToolPolicy read(
            @JsonProperty("risk") RiskLevel risk,
            @JsonProperty("description") String description,
            @JsonProperty("call_timeout_ms") Long callTimeoutMs,
            @JsonProperty("call_timeout") String callTimeout,
            @JsonProperty("params") Map<String, Map<String, Object>> params,
            @JsonProperty("schema") Map<String, Object> schema,
            @JsonProperty("screen_args") String screenArgs,
            @JsonProperty("screen_result") String screenResult,
            @JsonProperty("exfiltration") String exfiltration) {
        return new ToolPolicy(
                risk,
                description,
                DurationAlias.millis("call_timeout", callTimeout, "call_timeout_ms", callTimeoutMs),
                params,
                schema,
                screenArgs,
                screenResult,
                exfiltration);
    }
}
