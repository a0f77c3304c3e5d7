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
 */
public record ApprovalRequest(
        String id,
        ToolCall call,
        RiskLevel risk,
        String reason,
        String argumentsSha256,
        Instant createdAt,
        Instant expiresAt,
        GrantScope maxGrant) {}
