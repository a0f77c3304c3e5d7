package dev.toolgate.agent.approval;

import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.policy.GrantScope;

/**
 * A channel's answer.
 *
 * @param status   {@link Approval#APPROVED}, {@link Approval#DENIED} or {@link Approval#TIMED_OUT}
 * @param approver who answered, or what failed ({@code webhook}, {@code console}, ...)
 * @param grant    how far the approval reaches; {@link GrantScope#ONCE} unless the approver asked for more
 */
public record ApprovalVerdict(String status, String approver, String reason, GrantScope grant) {

    public static ApprovalVerdict approved(String approver, String reason, GrantScope grant) {
        return new ApprovalVerdict(Approval.APPROVED, approver, reason, grant == null ? GrantScope.ONCE : grant);
    }

    public static ApprovalVerdict denied(String approver, String reason) {
        return new ApprovalVerdict(Approval.DENIED, approver, reason, GrantScope.ONCE);
    }

    public static ApprovalVerdict timedOut(String reason) {
        return new ApprovalVerdict(Approval.TIMED_OUT, null, reason, GrantScope.ONCE);
    }

    public boolean approved() {
        return Approval.APPROVED.equals(status);
    }
}
