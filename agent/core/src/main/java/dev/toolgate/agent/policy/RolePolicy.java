package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What one agent role may do: the article's {@code AGENT_PERMISSIONS} entry. */
public record RolePolicy(
        @JsonProperty("allowed_tools") List<String> allowedTools,
        @JsonProperty("denied_tools") List<String> deniedTools,
        @JsonProperty("resource_limits") ResourceLimits resourceLimits,
        @JsonProperty("data_access") DataAccess dataAccess,
        @JsonProperty("approval") RoleApproval approval,
        @JsonProperty("description") String description,
        @JsonProperty("sandbox") SandboxPolicy sandbox,
        @JsonProperty("provenance") ProvenancePolicy provenance) {

    public RolePolicy {
        allowedTools = allowedTools == null ? List.of() : List.copyOf(allowedTools);
        deniedTools = deniedTools == null ? List.of() : List.copyOf(deniedTools);
    }

    /** A role without a {@code sandbox:} entry (its tools get the default sandbox) and without flow rules. */
    public RolePolicy(
            List<String> allowedTools,
            List<String> deniedTools,
            ResourceLimits resourceLimits,
            DataAccess dataAccess,
            RoleApproval approval,
            String description) {
        this(allowedTools, deniedTools, resourceLimits, dataAccess, approval, description, null, null);
    }
}
