package dev.toolgate.api;

/**
 * A span of code in which tool calls are made as a given agent, role and session. Close it on the thread that
 * opened it, preferably with try-with-resources. Threads started inside the scope inherit it.
 *
 * <pre>{@code
 * try (ToolgateScope scope = Toolgate.scope().role("data_agent").session(conversationId).open()) {
 *     agent.chat(userMessage);
 * }
 * }</pre>
 */
public final class ToolgateScope implements AutoCloseable {

    private final Object restoreToken;
    private boolean closed;

    ToolgateScope(Object restoreToken) {
        this.restoreToken = restoreToken;
    }

    /** Restores the context that was in force when this scope was opened. Closing twice has no effect. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AgentBridge.close(restoreToken);
    }

    /** Collects who is calling before the scope is opened. */
    public static final class Builder {
        private String agentId;
        private String role;
        private String sessionId;

        Builder() {}

        /** The agent's identity in audit events (for instance the deployment name). */
        public Builder agent(String agentId) {
            this.agentId = agentId;
            return this;
        }

        /** The role whose permissions apply, a key under {@code roles:} in the policy. */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /** The conversation or task the calls belong to; budgets and audit events are kept per session. */
        public Builder session(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** Opens the scope on the current thread. Values left unset are inherited from the enclosing scope. */
        public ToolgateScope open() {
            return new ToolgateScope(AgentBridge.open(agentId, role, sessionId));
        }
    }
}
