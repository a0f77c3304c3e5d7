package dev.toolgate.api.spi;

/**
 * A custom way of asking a person to approve a tool call (a chat bot, a ticket system, a pager). Implement it,
 * list the class in {@code META-INF/services/dev.toolgate.api.spi.ApprovalChannel}, put the jar on the JVM's
 * class path and set {@code toolgate.approval.channel} to its {@link #name()}.
 *
 * <p>Toolgate calls {@link #requestApproval} on a thread of its own and enforces the timeout itself: when the
 * channel has not answered by {@link ApprovalRequest#expiresAt()}, the call is refused and the thread that runs
 * {@code requestApproval} is interrupted. An exception from the channel refuses the call.
 */
public interface ApprovalChannel {

    /** The name that selects this channel in the configuration. */
    String name();

    /** Asks for approval and waits for the answer. */
    ApprovalResponse requestApproval(ApprovalRequest request) throws Exception;
}
