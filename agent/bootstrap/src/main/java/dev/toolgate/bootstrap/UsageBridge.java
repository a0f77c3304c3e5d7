package dev.toolgate.bootstrap;

/**
 * Where model usage reaches the agent: tokens reported through the API, and the model calls of agent frameworks,
 * woven to call {@link #enterModelCall} and {@link #exitModelCall}. Without an installed handler everything here
 * does nothing.
 */
public final class UsageBridge {

    /** The agent's side. */
    public interface Handler {
        /** Tokens used by the current caller's session. */
        void reportTokens(long tokens);

        /**
         * A model call is about to be made with {@code request}.
         *
         * @return a token for {@link #exitModelCall}
         * @throws ModelCallDeniedException when the session's token budget is spent and the policy refuses model
         *                                  calls then
         */
        Object enterModelCall(Object request);

        /** The model call ended; {@code response} is what it returned (null if it threw). */
        void exitModelCall(Object token, Object response);
    }

    private static volatile Handler handler;

    private UsageBridge() {
    }

    /** Installs the agent's handler. Refused to any caller but the agent. */
    public static void install(Handler installed) {
        AgentOnly.check("installing a usage handler");
        handler = installed;
    }

    public static void reportTokens(long tokens) {
        Handler current = handler;
        if (current != null) {
            current.reportTokens(tokens);
        }
    }

    public static Object enterModelCall(Object request) {
        Handler current = handler;
        if (current == null) {
            return null;
        }
        try {
            return current.enterModelCall(request);
        } catch (ModelCallDeniedException denied) {
            throw denied;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            ToolgateBridge.countSuppressedError();
            return null;
        }
    }

    public static void exitModelCall(Object token, Object response) {
        Handler current = handler;
        if (current == null || token == null) {
            return;
        }
        try {
            current.exitModelCall(token, response);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            ToolgateBridge.countSuppressedError();
        }
    }
}
