package dev.toolgate.api.spi;

/**
 * A person's answer to an {@link ApprovalRequest}.
 *
 * @param approver who answered, as the audit log should name them
 */
public record ApprovalResponse(boolean approved, String approver, String reason) {

    public static ApprovalResponse approve(String approver, String reason) {
        return new ApprovalResponse(true, approver, reason);
    }

    public static ApprovalResponse deny(String approver, String reason) {
        return new ApprovalResponse(false, approver, reason);
    }
}
