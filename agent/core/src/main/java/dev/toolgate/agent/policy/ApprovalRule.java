package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One approval rule of a role. It applies to a call when the tool matches one of {@code tools}, the risk (if
 * given) is the tool's, and every {@code when} condition holds for the named argument.
 *
 * @param when     argument name → pattern, or list of patterns of which one must match
 * @param timeout  how long a person has to answer, e.g. {@code 30s}; the approval default when absent
 * @param maxGrant the widest grant an approver may give for this rule; {@code session} when absent
 */
public record ApprovalRule(
        @JsonProperty("id") String id,
        @JsonProperty("tools") List<String> tools,
        @JsonProperty("risk") RiskLevel risk,
        @JsonProperty("when") Map<String, Object> when,
        @JsonProperty("action") ApprovalAction action,
        @JsonProperty("timeout") String timeout,
        @JsonProperty("max_grant") GrantScope maxGrant) {

    public ApprovalRule {
        tools = tools == null ? List.of() : List.copyOf(tools);
        when = when == null ? Map.of() : Map.copyOf(when);
    }
}
