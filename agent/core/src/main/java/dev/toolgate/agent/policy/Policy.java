package dev.toolgate.agent.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated policy. Immutable.
 *
 * @param source  the file it came from, named in audit events and errors
 * @param sha256  hash of the file's bytes, so audit events tell which version decided
 * @param approval the top-level approval settings; never null
 * @param sessions how sessions are found and kept; never null
 * @param validators named validators ({@code validators:}), read by {@code dev.toolgate.agent.validation}
 * @param screening  content-screening settings ({@code screening:}), read by {@code dev.toolgate.agent.validation}
 * @param visibility which tools the model is shown; never null
 * @param examples  calls and what the policy must decide about them ({@code examples:}), checked at load
 * @param provenance flow rules of untrusted data ({@code provenance:}); null when the policy has none
 */
public record Policy(
        Path source,
        String sha256,
        Integer version,
        Map<String, RolePolicy> roles,
        Map<String, ToolPolicy> tools,
        List<InstrumentRule> instrument,
        ApprovalSettings approval,
        SessionPolicy sessions,
        Map<String, Map<String, Object>> validators,
        Map<String, Object> screening,
        VisibilityPolicy visibility,
        List<PolicyExample> examples,
        ProvenancePolicy provenance) {

    public Policy {
        examples = examples == null ? List.of() : List.copyOf(examples);
        visibility = visibility == null ? VisibilityPolicy.DEFAULTS : visibility;
        approval = approval == null ? new ApprovalSettings(null, null, null, null, null) : approval;
        roles = Map.copyOf(roles);
        tools = Map.copyOf(tools);
        instrument = List.copyOf(instrument);
        sessions = sessions == null ? SessionPolicy.DEFAULTS : sessions;
        validators = validators == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(validators));
        screening = screening == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(screening));
    }

    /** A policy of {@code roles} and nothing else: every other section empty or at its defaults. */
    public static Policy ofRoles(Path source, Map<String, RolePolicy> roles) {
        return new Policy(source, "", 1, roles, Map.of(), List.of(), null, null, null, null, null, null, null);
    }

    /** The risk the policy gives a tool, or null when it gives none. */
    public RiskLevel riskOf(String tool) {
        ToolPolicy entry = tools.get(tool);
        return entry == null ? null : entry.risk();
    }
}
