package dev.toolgate.agent.approval;

import java.util.concurrent.CompletableFuture;

/**
 * A way of asking a person. {@link #submit} must not block; the approval stage waits on the future, enforces the
 * timeout and calls {@link #withdraw} when it stops waiting.
 */
public interface ApprovalChannel extends AutoCloseable {

    /** The name that selects this channel in the configuration. */
    String name();

    CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request);

    /** The request timed out or its thread was interrupted: it can no longer be answered. */
    default void withdraw(ApprovalRequest request) {}

    @Override
    default void close() {}
}
