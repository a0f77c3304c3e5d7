package dev.toolgate.agent.rules;

/** A rule pack that cannot be used; the message names the file, the line and the rule. */
public final class RulePackException extends Exception {
    private static final long serialVersionUID = 1L;

    public RulePackException(String message) {
        super(message);
    }
}
