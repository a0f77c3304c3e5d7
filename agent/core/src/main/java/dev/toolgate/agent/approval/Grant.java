package dev.toolgate.agent.approval;

import dev.toolgate.agent.policy.GrantScope;
import java.time.Instant;

/**
 * A standing approval of identical calls: same role, same tool, same arguments; within one session, or always.
 *
 * @param approvalId the request whose approval created the grant
 */
public record Grant(
        String id,
        GrantScope scope,
        String role,
        String sessionId,
        String tool,
        String argumentsSha256,
        String approver,
        String approvalId,
        Instant createdAt) {}
