package dev.toolgate.agent.approval;

import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.policy.RiskLevel;
import java.time.Instant;

/**
 * A call waiting for a person.
 *
 * @param argumentsSha256 hash of the exact tool and arguments: an approval applies to this call only
 * @param maxGrant        the widest grant the approver may give
 * @param rule            the policy key of the rule that asked for a person, or null
 * @param findings        what the earlier steps found about the call (the decision's reason so far), or null
 */
public record ApprovalRequest(
        String id,
        ToolCall call,
        RiskLevel risk,
        String reason,
        String argumentsSha256,
        Instant createdAt,
        Instant expiresAt,
        GrantScope maxGrant,
        String rule,
        String findings) {

    /** A request without the asking rule and the findings, for channels and tests that do not show them. */
    public ApprovalRequest(
            String id,
            ToolCall call,
            RiskLevel risk,
            String reason,
            String argumentsSha256,
            Instant createdAt,
            Instant expiresAt,
            GrantScope maxGrant) {
        this(id, call, risk, reason, argumentsSha256, createdAt, expiresAt, maxGrant, null, null);
    }
}
