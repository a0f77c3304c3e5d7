package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The YAML file as written, before it becomes a {@link Policy}. */
record PolicyDocument(
        @JsonProperty("version") Integer version,
        @JsonProperty("roles") Map<String, RolePolicy> roles,
        @JsonProperty("tools") Map<String, ToolPolicy> tools,
        @JsonProperty("instrument") List<InstrumentRule> instrument,
        @JsonProperty("approval") ApprovalSettings approval,
        @JsonProperty("sessions") SessionPolicy sessions,
        @JsonProperty("validators") Map<String, Map<String, Object>> validators,
        @JsonProperty("screening") Map<String, Object> screening,
        @JsonProperty("visibility") VisibilityPolicy visibility,
        @JsonProperty("examples") List<PolicyExample> examples,
        @JsonProperty("provenance") ProvenancePolicy provenance) {}
