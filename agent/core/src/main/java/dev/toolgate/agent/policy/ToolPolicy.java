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
 * @param result       provenance label of the tool's results; null for the default, untrusted
 * @param acceptsUntrusted provenance: true when no argument is checked, false when every one is (a sink), null
 *                     to go by the risk class; {@code untrustedParams} names the parameters that are not checked
 */
public record ToolPolicy(
        @JsonProperty("risk") RiskLevel risk,
        @JsonProperty("description") String description,
        @JsonProperty("call_timeout_ms") Long callTimeoutMs,
        @JsonProperty("params") Map<String, Map<String, Object>> params,
        @JsonProperty("schema") Map<String, Object> schema,
        @JsonProperty("screen_args") String screenArgs,
        @JsonProperty("screen_result") String screenResult,
        @JsonProperty("exfiltration") String exfiltration,
        @JsonProperty("result") ResultLabel result,
        @JsonProperty("accepts_untrusted") Boolean acceptsUntrusted,
        java.util.List<String> untrustedParams) {

    public ToolPolicy(RiskLevel risk, String description) {
        this(risk, description, null);
    }

    public ToolPolicy(RiskLevel risk, String description, Long callTimeoutMs) {
        this(risk, description, callTimeoutMs, null, null, null, null, null, null, null, null);
    }

    public ToolPolicy {
        untrustedParams = untrustedParams == null ? java.util.List.of() : java.util.List.copyOf(untrustedParams);
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
            @JsonProperty("exfiltration") String exfiltration,
            @JsonProperty("result") ResultLabel result,
            @JsonProperty("accepts_untrusted") Object acceptsUntrusted) {
        Boolean accepts = null;
        java.util.List<String> named = null;
        if (acceptsUntrusted instanceof Boolean flag) {
            accepts = flag;
        } else if (acceptsUntrusted instanceof java.util.List<?> list
                && list.stream().allMatch(name -> name instanceof String text && !text.isBlank())) {
            accepts = false;
            named = list.stream().map(String.class::cast).toList();
        } else if (acceptsUntrusted != null) {
            throw new IllegalArgumentException("accepts_untrusted is true, false, or a list of the parameter names"
                    + " whose values may come from untrusted data, for instance [body, subject]");
        }
        return new ToolPolicy(
                risk,
                description,
                DurationAlias.millis("call_timeout", callTimeout, "call_timeout_ms", callTimeoutMs),
                params,
                schema,
                screenArgs,
                screenResult,
                exfiltration,
                result,
                accepts,
                named);
    }
}
