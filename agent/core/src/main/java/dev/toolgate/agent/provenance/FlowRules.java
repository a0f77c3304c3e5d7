package dev.toolgate.agent.provenance;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.ProvenancePolicy;
import dev.toolgate.agent.policy.ProvenancePolicy.FlowAction;
import dev.toolgate.agent.policy.ProvenancePolicy.TrustedFlow;
import dev.toolgate.agent.policy.ResultLabel;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RolePolicy;
import dev.toolgate.agent.policy.ToolPolicy;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A policy's flow rules compiled once: per role, what a flow of untrusted or confidential data into a sink needs
 * (the role's {@code provenance:} over the policy's, key by key); per tool, its results' label and whether it is
 * a sink. A role without rules is not tracked at all.
 */
final class FlowRules {

    static final List<RiskLevel> DEFAULT_SINKS = List.of(RiskLevel.EXTERNAL, RiskLevel.DELETE);

    /** One role's rules; {@code prefix} is the policy key they are written under. */
    record RoleRules(
            FlowAction untrusted,
            String untrustedRule,
            FlowAction confidential,
            String confidentialRule,
            TrustedFlow trusted,
            String trustedRule,
            Set<RiskLevel> identifiers,
            String identifiersRule,
            Set<RiskLevel> sinks) {}

    /** One tool's settings: null {@code accepts} goes by the risk class. */
    record ToolRules(ResultLabel result, Boolean accepts, Set<String> unchecked) {}

    private static final ToolRules DEFAULT_TOOL = new ToolRules(ResultLabel.UNTRUSTED, null, Set.of());

    private final Map<String, RoleRules> roles = new HashMap<>();
    private final Map<String, ToolRules> tools = new HashMap<>();
    private final Ledgers.Limits limits;
    private final Set<String> identifierFields;

    FlowRules(Policy policy, long idleNanos) {
        ProvenancePolicy top = policy.provenance();
        policy.roles().forEach((name, role) -> {
            RoleRules rules = compile(top, name, role);
            if (rules != null) {
                roles.put(name, rules);
            }
        });
        policy.tools().forEach((name, tool) -> tools.put(name, compile(tool)));
        identifierFields = top == null || top.identifierFields() == null
                ? Set.of()
                : top.identifierFields().stream().map(Fields::normalise).collect(Collectors.toUnmodifiableSet());
        limits = new Ledgers.Limits(
                top == null || top.maxSessions() == null ? ProvenancePolicy.DEFAULT_MAX_SESSIONS : top.maxSessions(),
                top == null || top.maxEntries() == null ? ProvenancePolicy.DEFAULT_MAX_ENTRIES : top.maxEntries(),
                top == null || top.maxResultChars() == null
                        ? ProvenancePolicy.DEFAULT_MAX_RESULT_CHARS
                        : top.maxResultChars(),
                idleNanos);
    }

    private static RoleRules compile(ProvenancePolicy top, String name, RolePolicy role) {
        ProvenancePolicy own = role.provenance();
        if (top == null && own == null) {
            return null;
        }
        String ownKey = "roles." + name + ".provenance.";
        boolean ownUntrusted = own != null && own.untrusted() != null;
        boolean ownConfidential = own != null && own.confidential() != null;
        boolean ownTrusted = own != null && own.trusted() != null;
        boolean ownIdentifiers = own != null && own.identifiers() != null;
        List<RiskLevel> identifiers = own != null && own.identifiers() != null
                ? own.identifiers()
                : top != null && top.identifiers() != null ? top.identifiers() : List.of();
        List<RiskLevel> sinks = own != null && own.sinks() != null
                ? own.sinks()
                : top != null && top.sinks() != null ? top.sinks() : DEFAULT_SINKS;
        return new RoleRules(
                ownUntrusted
                        ? own.untrusted()
                        : top != null && top.untrusted() != null ? top.untrusted() : FlowAction.APPROVE,
                ownUntrusted ? ownKey + "untrusted" : "provenance.untrusted",
                ownConfidential
                        ? own.confidential()
                        : top != null && top.confidential() != null ? top.confidential() : FlowAction.APPROVE,
                ownConfidential ? ownKey + "confidential" : "provenance.confidential",
                ownTrusted ? own.trusted() : top != null && top.trusted() != null ? top.trusted() : TrustedFlow.RULES,
                ownTrusted ? ownKey + "trusted" : "provenance.trusted",
                identifiers.isEmpty() ? EnumSet.noneOf(RiskLevel.class) : EnumSet.copyOf(identifiers),
                ownIdentifiers ? ownKey + "identifiers" : "provenance.identifiers",
                sinks.isEmpty() ? EnumSet.noneOf(RiskLevel.class) : EnumSet.copyOf(sinks));
    }

    private static ToolRules compile(ToolPolicy tool) {
        if (tool.result() == null && tool.acceptsUntrusted() == null) {
            return DEFAULT_TOOL;
        }
        return new ToolRules(
                tool.result() == null ? ResultLabel.UNTRUSTED : tool.result(),
                tool.acceptsUntrusted(),
                Set.copyOf(tool.untrustedParams()));
    }

    boolean tracksAnyRole() {
        return !roles.isEmpty();
    }

    /** The role's rules, or null when the role is not tracked. */
    RoleRules role(String role) {
        return role == null ? null : roles.get(role);
    }

    ToolRules tool(String name) {
        ToolRules rules = tools.get(name);
        return rules == null ? DEFAULT_TOOL : rules;
    }

    /** The normalised names of the result fields whose values the service assigns; empty when none. */
    Set<String> identifierFields() {
        return identifierFields;
    }

    Ledgers.Limits limits() {
        return limits;
    }

    /** Whether a call of {@code tool} at {@code risk} is a sink for the role, and so checked. */
    static boolean isSink(RoleRules role, ToolRules tool, RiskLevel risk) {
        return tool.accepts() == null ? role.sinks().contains(risk) : !tool.accepts();
    }
}
