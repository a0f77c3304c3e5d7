package dev.toolgate.bootstrap;

/**
 * Thrown instead of running a tool that Toolgate refused. The message names the tool, the role and the reason
 * in words meant to be handed back to the model by the calling framework.
 */
public class ToolCallDeniedException extends SecurityException {

    private static final long serialVersionUID = 1L;

    private final String tool;
    private final String role;
    private final String reason;

    public ToolCallDeniedException(String tool, String role, String reason) {
        super("Toolgate denied tool '" + tool + "' for role '" + (role == null ? "(none)" : role) + "': " + reason);
        this.tool = tool;
        this.role = role;
        this.reason = reason;
    }

    public String tool() {
        return tool;
    }

    public String role() {
        return role;
    }

    public String reason() {
        return reason;
    }
}
