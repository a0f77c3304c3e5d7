package dev.toolgate.bootstrap;

/**
 * Thrown instead of making a model call that Toolgate refused: the session's token budget is spent and the
 * policy refuses model calls then. The message names the budget, its limit and what was used.
 */
public class ModelCallDeniedException extends SecurityException {

    private static final long serialVersionUID = 1L;

    private final String role;
    private final String reason;

    public ModelCallDeniedException(String role, String reason) {
        super("Toolgate denied a model call for role '" + (role == null ? "(none)" : role) + "': " + reason);
        this.role = role;
        this.reason = reason;
    }

    public String role() {
        return role;
    }

    public String reason() {
        return reason;
    }
}
