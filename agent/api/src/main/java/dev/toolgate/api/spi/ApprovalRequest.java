package dev.toolgate.api.spi;

import java.time.Instant;
import java.util.Map;

/**
 * A tool call waiting for a person's approval.
 *
 * @param id              the request's id; the audit log names the same id
 * @param params          the call's arguments by parameter name, rendered as strings, numbers, lists and maps
 * @param riskLevel       read, modify, delete or external
 * @param reason          why approval is needed (the rule that asks for it)
 * @param argumentsSha256 hash of the exact tool and arguments: the approval is bound to them
 */
public record ApprovalRequest(
        String id,
        String agentId,
        String role,
        String sessionId,
        String tool,
        Map<String, Object> params,
        String riskLevel,
        String reason,
        Instant expiresAt,
        String argumentsSha256) {}
