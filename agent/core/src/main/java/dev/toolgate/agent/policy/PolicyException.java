package dev.toolgate.agent.policy;

/** A policy that cannot be used; the message names the file, the line and the key, and what to do. */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
