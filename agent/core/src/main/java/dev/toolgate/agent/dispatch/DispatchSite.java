package dev.toolgate.agent.dispatch;

import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.bootstrap.SkipCall;
import dev.toolgate.bootstrap.ToolCallDeniedException;

/**
 * The frameworks' tool dispatch points, where every tool call passes whatever declared the tool, and how each
 * hands a refusal to the model through the framework's own error path. The constant's ordinal is what the woven
 * code passes to the bridge.
 */
public enum DispatchSite {

    /**
     * LangChain4j's {@code ToolService.executeWithErrorHandling(request, executor, context, …)}, through which
     * AI services run every tool, lambdas among them (which no agent can weave). An exception thrown at its
     * entry would end the whole AI service call, so a refusal is returned as the error result its own handler
     * would have made.
     */
    LANGCHAIN4J_TOOL_SERVICE(ToolSource.LANGCHAIN4J_DISPATCH, "execute") {
        @Override
        public DispatchRequest read(Object receiver, Object[] arguments) throws ReflectiveOperationException {
            return LangChain4jObjects.request(arguments[0], arguments.length > 1 ? arguments[1] : null);
        }

        @Override
        public Object refuseOnEntry(Object receiver, Object[] arguments, ToolCallDeniedException refusal)
                throws ReflectiveOperationException {
            return new SkipCall(LangChain4jObjects.errorResult(loaderOf(arguments), refusal.getMessage()));
        }

        @Override
        public Object resultOnExitRefusal(Object receiver, Object[] arguments, ToolCallDeniedException refusal)
                throws ReflectiveOperationException {
            return LangChain4jObjects.errorResult(loaderOf(arguments), refusal.getMessage());
        }

        /** A loader that sees LangChain4j: the executor's (an application class, or a lambda of one), else the request's. */
        private ClassLoader loaderOf(Object[] arguments) {
            Object[] candidates = {arguments.length > 1 ? arguments[1] : null, arguments[0]};
            for (Object candidate : candidates) {
                if (candidate != null && candidate.getClass().getClassLoader() != null) {
                    return candidate.getClass().getClassLoader();
                }
            }
            return Thread.currentThread().getContextClassLoader();
        }
    },

    /** Every LangChain4j {@code ToolExecutor}'s {@code execute} and {@code executeWithContext}. */
    LANGCHAIN4J_TOOL_EXECUTOR(ToolSource.LANGCHAIN4J_DISPATCH, "execute") {
        @Override
        public DispatchRequest read(Object receiver, Object[] arguments) throws ReflectiveOperationException {
            return LangChain4jObjects.request(arguments[0], receiver);
        }
    },

    /**
     * Every Spring AI {@code ToolCallback}'s {@code call(String)} and {@code call(String, ToolContext)}. Spring
     * AI's tool-calling manager turns only a {@code ToolExecutionException} into a tool response (anything else
     * ends the chat call), so refusals are thrown as one.
     */
    SPRING_AI_TOOL_CALLBACK(ToolSource.SPRING_AI_DISPATCH, "call") {
        @Override
        public DispatchRequest read(Object receiver, Object[] arguments) {
            String input = arguments.length > 0 && arguments[0] instanceof String text ? text : null;
            return new DispatchRequest(SpringAiObjects.toolName(receiver), input, receiver);
        }

        @Override
        public Object refuseOnEntry(Object receiver, Object[] arguments, ToolCallDeniedException refusal) {
            throw SpringAiObjects.toolExecutionException(receiver, refusal);
        }

        @Override
        public Throwable thrownOnExitRefusal(Object receiver, ToolCallDeniedException refusal) {
            return SpringAiObjects.toolExecutionException(receiver, refusal);
        }
    };

    private static final DispatchSite[] SITES = values();

    private final ToolSource source;
    private final String method;

    DispatchSite(ToolSource source, String method) {
        this.source = source;
        this.method = method;
    }

    /** The site the woven code's number names, or null. */
    public static DispatchSite of(int ordinal) {
        return ordinal >= 0 && ordinal < SITES.length ? SITES[ordinal] : null;
    }

    public ToolSource source() {
        return source;
    }

    /** The dispatch method's name, for the audit's {@code method}. */
    public String method() {
        return method;
    }

    /** Reads the call out of the dispatch method's receiver and arguments. */
    public abstract DispatchRequest read(Object receiver, Object[] arguments) throws ReflectiveOperationException;

    /**
     * Refuses a call before it runs, the way the framework hands errors to the model: throws the refusal (or a
     * framework exception carrying it), or returns a {@link SkipCall} with the framework's error result.
     */
    public Object refuseOnEntry(Object receiver, Object[] arguments, ToolCallDeniedException refusal)
            throws ReflectiveOperationException {
        throw refusal;
    }

    /**
     * What the dispatch method returns instead of its result when the call is refused after it ran (result
     * withheld, timeout), or null when the refusal is thrown instead ({@link #thrownOnExitRefusal}).
     */
    public Object resultOnExitRefusal(Object receiver, Object[] arguments, ToolCallDeniedException refusal)
            throws ReflectiveOperationException {
        return null;
    }

    /** What the dispatch method throws when the call is refused after it ran. */
    public Throwable thrownOnExitRefusal(Object receiver, ToolCallDeniedException refusal) {
        return refusal;
    }
}
