package dev.toolgate.agent.approval;

import java.util.concurrent.CompletableFuture;

/** The channel when none is configured, or when the configured one cannot work: every request is denied. */
final class DenyChannel implements ApprovalChannel {

    static final String NOT_CONFIGURED = "approval is required but no approval channel is configured; set"
            + " toolgate.approval.channel to console, webhook, endpoint or an SPI channel";

    private final String reason;

    DenyChannel(String reason) {
        this.reason = reason;
    }

    @Override
    public String name() {
        return "deny";
    }

    @Override
    public CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request) {
        return CompletableFuture.completedFuture(ApprovalVerdict.denied("toolgate", reason));
    }
}
