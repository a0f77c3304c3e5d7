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

        /**
         * What the model is to be shown instead of {@code tools} (a LangChain4j {@code ChatRequest}, or Spring AI's
         * list of tool definitions): the same, or a copy without the tools the caller can never call.
         *
         * @throws ModelCallDeniedException when the list cannot be filtered and must not be sent as it is
         */
        default Object toolsShown(Object tools) {
            return tools;
        }

        /** Text the application declares the current session's user said. */
        default void trustedInput(String text) {}
    }

    private static volatile Handler handler;

    private UsageBridge() {}

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

    /** Called with the tools a framework is about to show the model: what to show instead. */
    public static Object toolsShown(Object tools) {
        Handler current = handler;
        if (current == null || tools == null) {
            return tools;
        }
        try {
            return current.toolsShown(tools);
        } catch (ModelCallDeniedException denied) {
            throw denied;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            ToolgateBridge.countSuppressedError();
            throw new ModelCallDeniedException(
                    null,
                    "the tools shown to the model could not be filtered (" + e
                            + "); the model call is refused rather than shown tools its role may not call");
        }
    }

    public static void trustedInput(String text) {
        Handler current = handler;
        if (current == null || text == null) {
            return;
        }
        try {
            current.trustedInput(text);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            ToolgateBridge.countSuppressedError();
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
