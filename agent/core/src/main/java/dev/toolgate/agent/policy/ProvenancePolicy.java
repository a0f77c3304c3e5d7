package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Flow rules between a conversation's tool results and its later calls: the policy's {@code provenance:}
 * section, and a role's {@code provenance:} that overrides it key by key. Read by
 * {@code dev.toolgate.agent.provenance}.
 *
 * @param untrusted    what a call of a sink needs when one of its arguments is derived from untrusted data:
 *                     {@code approve}, {@code deny} or {@code log}
 * @param confidential what an EXTERNAL call needs when an argument holds data of a {@code confidential} result
 * @param trusted      {@code allow}: a sink call with no argument derived from untrusted data runs without a
 *                     person; {@code rules}: the approval rules decide as without provenance
 * @param sinks        the risk classes whose tools are sinks unless a tool says otherwise
 * @param identifiers  the risk classes of sink calls in which an identifier argument whose whole value is the whole
 *                     value of an identifier field of a result counts as trusted; none by default
 * @param identifierFields the result fields whose values the service assigns (ids); top level only
 * @param maxEntries   per conversation: hashed parts remembered (trusted and untrusted together); top level only
 * @param maxSessions  conversations remembered at once; top level only
 * @param maxResultChars characters of one result that are indexed; top level only
 */
public record ProvenancePolicy(
        @JsonProperty("untrusted") FlowAction untrusted,
        @JsonProperty("confidential") FlowAction confidential,
        @JsonProperty("trusted") TrustedFlow trusted,
        @JsonProperty("sinks") List<RiskLevel> sinks,
        @JsonProperty("identifiers") List<RiskLevel> identifiers,
        @JsonProperty("identifier_fields") List<String> identifierFields,
        @JsonProperty("max_entries") Integer maxEntries,
        @JsonProperty("max_sessions") Integer maxSessions,
        @JsonProperty("max_result_chars") Integer maxResultChars) {

    public static final int DEFAULT_MAX_ENTRIES = 262_144;
    public static final int DEFAULT_MAX_SESSIONS = 1_024;
    public static final int DEFAULT_MAX_RESULT_CHARS = 4 * 1024 * 1024;

    public ProvenancePolicy {
        sinks = sinks == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sinks));
        identifiers = identifiers == null
                ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(identifiers));
        identifierFields = identifierFields == null
                ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(identifierFields));
    }

    /** What a flow of untrusted or confidential data into a sink needs. */
    public enum FlowAction {
        APPROVE,
        DENY,
        LOG;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a sink call whose arguments carry no untrusted data needs. */
    public enum TrustedFlow {
        ALLOW,
        RULES;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
