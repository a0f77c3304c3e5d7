package dev.toolgate.agent.decision;

import dev.toolgate.bootstrap.CallerContext;
import dev.toolgate.bootstrap.ConversationBridge;
import dev.toolgate.bootstrap.ScopeBridge;
import java.util.UUID;

/**
 * Resolves the caller of the current thread, field by field (agent, role, session), from the first source that
 * sets it:
 * <ol>
 *   <li>the innermost scope opened through the API ({@code Toolgate.scope()}): what the code says wins;</li>
 *   <li>the agent framework's conversation, while the framework runs it (LangChain4j's chat memory id, Spring AI's
 *       ToolContext), mapped by the policy's {@code sessions.conversation_patterns};</li>
 *   <li>the agent's configuration ({@code role}, {@code agent.id}); the session defaults to one id generated
 *       for this JVM.</li>
 * </ol>
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
        CallerContext conversation = ConversationBridge.current();
        if (conversation != null) {
            scope = scope.within(conversation);
        } else if (scope == CallerContext.EMPTY) {
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
