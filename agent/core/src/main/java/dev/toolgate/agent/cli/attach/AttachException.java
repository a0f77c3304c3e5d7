package dev.toolgate.agent.cli.attach;

/** Why nothing was attached, in one line for the operator. */
public final class AttachException extends Exception {

    private final boolean badTarget;

    AttachException(boolean badTarget, String message) {
        super(message, null, false, false);
        this.badTarget = badTarget;
    }

    /** The target named is not one to attach to (no such process, not a JVM, no match): a usage error. */
    static AttachException badTarget(String message) {
        return new AttachException(true, message);
    }

    /** The target is a JVM, but loading the agent into it failed or was refused. */
    static AttachException failed(String message) {
        return new AttachException(false, message);
    }

    public boolean badTarget() {
        return badTarget;
    }
}
