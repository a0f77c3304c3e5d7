package dev.toolgate.api;

import java.util.concurrent.Callable;

/**
 * Entry points for applications that want to tell Toolgate who is calling. Everything here works without the
 * agent attached: scopes are then empty and code simply runs.
 */
public final class Toolgate {

    private Toolgate() {}

    /** True when the Toolgate agent is attached to this JVM. */
    public static boolean isAttached() {
        return AgentBridge.isAttached();
    }

    /** Starts describing a scope; finish with {@link ToolgateScope.Builder#open()}. */
    public static ToolgateScope.Builder scope() {
        return new ToolgateScope.Builder();
    }

    /**
     * Reports model tokens used by the current scope's session (or, outside any scope, the session the agent
     * resolves for this thread), for the role's {@code max_tokens} budget and {@code tokens_used} in audit
     * events. Token usage of LangChain4j and Spring AI chat models is counted without this; report what they
     * cannot see, such as streaming responses or calls made through other clients.
     *
     * @throws IllegalArgumentException when {@code tokens} is negative
     */
    public static void reportTokens(long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative: " + tokens);
        }
        AgentBridge.reportTokens(tokens);
    }

    /**
     * Declares {@code text} as what the user of the current session said (a request typed into the application's
     * own interface, not a model call the agent sees): with the policy's provenance rules, values in it count as
     * trusted and may steer the session's later EXTERNAL and DELETE calls. The user and system messages of
     * LangChain4j and Spring AI model calls are recorded without this. Ignored inside a tool call, whose data is
     * never trusted this way.
     */
    public static void trustedInput(String text) {
        if (text != null) {
            AgentBridge.trustedInput(text);
        }
    }

    /** Runs {@code action} with tool calls made as {@code role} in session {@code sessionId}. */
    public static void runAs(String role, String sessionId, Runnable action) {
        try (ToolgateScope ignored = scope().role(role).session(sessionId).open()) {
            action.run();
        }
    }

    /** Calls {@code action} with tool calls made as {@code role} in session {@code sessionId}. */
    public static <T> T callAs(String role, String sessionId, Callable<T> action) throws Exception {
        try (ToolgateScope ignored = scope().role(role).session(sessionId).open()) {
            return action.call();
        }
    }
}
