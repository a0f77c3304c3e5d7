package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A role's approval settings: what each risk class needs by default, and rules for particular tools and
 * arguments.
 *
 * @param defaults risk class name ({@code read}, {@code modify}, ...) → action
 */
public record RoleApproval(
        @JsonProperty("defaults") Map<String, ApprovalAction> defaults,
        @JsonProperty("rules") List<ApprovalRule> rules) {

    public RoleApproval {
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
