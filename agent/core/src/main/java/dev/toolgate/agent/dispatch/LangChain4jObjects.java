package dev.toolgate.agent.dispatch;

import java.lang.reflect.Method;

/** LangChain4j's request and result objects, read and made by name (the agent has no compile view of them). */
final class LangChain4jObjects {

    static final String TOOL_EXECUTION_REQUEST = "dev.langchain4j.agent.tool.ToolExecutionRequest";
    static final String TOOL_EXECUTION_RESULT = "dev.langchain4j.service.tool.ToolExecutionResult";

    private static final FrameworkMethod REQUEST_NAME = new FrameworkMethod(TOOL_EXECUTION_REQUEST, "name");
    private static final FrameworkMethod REQUEST_ARGUMENTS = new FrameworkMethod(TOOL_EXECUTION_REQUEST, "arguments");
    private static final FrameworkMethod RESULT_TEXT = new FrameworkMethod(TOOL_EXECUTION_RESULT, "resultText");
    private static final FrameworkMethod RESULT_IS_ERROR = new FrameworkMethod(TOOL_EXECUTION_RESULT, "isError");

    private LangChain4jObjects() {}

    static DispatchRequest request(Object request, Object executor) throws ReflectiveOperationException {
        Object name = REQUEST_NAME.call(request);
        Object arguments = REQUEST_ARGUMENTS.call(request);

        return new DispatchRequest(
                name instanceof String text ? text : null, arguments instanceof String text ? text : null, executor);
    }

    /** The text of a {@code ToolExecutionResult}, or null when {@code result} is not one. */
    static String resultText(Object result) throws ReflectiveOperationException {
        if (!RESULT_TEXT.appliesTo(result)) {
            return null;
        }
        Object text = RESULT_TEXT.call(result);
        return text instanceof String string ? string : null;
    }

    /** Whether {@code result} is a {@code ToolExecutionResult} that reports an error. */
    static boolean isError(Object result) throws ReflectiveOperationException {
        return RESULT_IS_ERROR.appliesTo(result) && Boolean.TRUE.equals(RESULT_IS_ERROR.call(result));
    }

    /** A {@code ToolExecutionResult} like {@code result} whose text is {@code text}. */
    static Object withText(Object result, String text) throws ReflectiveOperationException {
        boolean error = Boolean.TRUE.equals(RESULT_IS_ERROR.call(result));
        return build(result.getClass().getClassLoader(), error, text);
    }

    /** The error result LangChain4j's own error handler makes: the model reads {@code message} as the tool's. */
    static Object errorResult(ClassLoader loader, String message) throws ReflectiveOperationException {
        return build(loader, true, message);
    }

    private static Object build(ClassLoader loader, boolean error, String text) throws ReflectiveOperationException {
        Class<?> type = Class.forName(TOOL_EXECUTION_RESULT, false, loader);
        Object builder = type.getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        Method isError = builderType.getMethod("isError", boolean.class);
        Method resultText = builderType.getMethod("resultText", String.class);
        isError.invoke(builder, error);
        resultText.invoke(builder, text);
        return builderType.getMethod("build").invoke(builder);
    }
}
