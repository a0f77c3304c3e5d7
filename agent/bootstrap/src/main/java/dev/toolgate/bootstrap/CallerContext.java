package dev.toolgate.bootstrap;

/**
 * Who is calling, as set by the innermost open scope. Any field may be null: it is then taken from the enclosing
 * scope, or from the agent's configuration.
 */
public final class CallerContext {

    public static final CallerContext EMPTY = new CallerContext(null, null, null);

    private final String agentId;
    private final String role;
    private final String sessionId;

    public CallerContext(String agentId, String role, String sessionId) {
        this.agentId = agentId;
        this.role = role;
        this.sessionId = sessionId;
    }

    public String agentId() {
        return agentId;
    }

    public String role() {
        return role;
    }

    public String sessionId() {
        return sessionId;
    }

    /** This context with its unset fields taken from {@code outer}. */
    public CallerContext within(CallerContext outer) {
        return new CallerContext(
                agentId != null ? agentId : outer.agentId,
                role != null ? role : outer.role,
                sessionId != null ? sessionId : outer.sessionId);
    }
}
