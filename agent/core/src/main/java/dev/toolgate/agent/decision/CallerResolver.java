package dev.toolgate.agent.decision;

import dev.toolgate.bootstrap.CallerContext;
import dev.toolgate.bootstrap.ScopeBridge;
import java.util.UUID;

/**
 * Resolves the caller of the current thread: the innermost scope opened through the API first, then the
 * agent's configuration; the session defaults to one id generated for this JVM.
 */
public final class CallerResolver {

    private final String defaultAgentId;
    private final String defaultRole;
    private final String jvmSessionId;
    private final Caller unscoped;

    public CallerResolver(String defaultAgentId, String defaultRole) {
        this.defaultAgentId = defaultAgentId;
        this.defaultRole = defaultRole;
        this.jvmSessionId = "jvm-" + UUID.randomUUID();
        this.unscoped = new Caller(defaultAgentId, defaultRole, jvmSessionId);
    }

    public Caller current() {
        CallerContext scope = ScopeBridge.current();
        if (scope == CallerContext.EMPTY) {
            return unscoped;
        }
        return new Caller(
                scope.agentId() != null ? scope.agentId() : defaultAgentId,
                scope.role() != null ? scope.role() : defaultRole,
                scope.sessionId() != null ? scope.sessionId() : jvmSessionId);
    }

    public String jvmSessionId() {
        return jvmSessionId;
    }
}
