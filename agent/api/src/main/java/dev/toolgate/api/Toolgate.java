package dev.toolgate.api;

import java.util.concurrent.Callable;

/**
 * Entry points for applications that want to tell Toolgate who is calling. Everything here works without the
 * agent attached: scopes are then empty and code simply runs.
 */
public final class Toolgate {

    private Toolgate() {
    }

    /** True when the Toolgate agent is attached to this JVM. */
    public static boolean isAttached() {
        return AgentBridge.isAttached();
    }

    /** Starts describing a scope; finish with {@link ToolgateScope.Builder#open()}. */
    public static ToolgateScope.Builder scope() {
        return new ToolgateScope.Builder();
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
