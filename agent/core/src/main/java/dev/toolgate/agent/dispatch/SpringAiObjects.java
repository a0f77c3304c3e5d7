package dev.toolgate.agent.dispatch;

import dev.toolgate.bootstrap.ToolCallDeniedException;

/** Spring AI's tool objects, read and made by name (the agent has no compile view of them). */
final class SpringAiObjects {

    static final String TOOL_CALLBACK = "org.springframework.ai.tool.ToolCallback";
    static final String TOOL_DEFINITION = "org.springframework.ai.tool.definition.ToolDefinition";
    static final String TOOL_EXECUTION_EXCEPTION = "org.springframework.ai.tool.execution.ToolExecutionException";

    private static final FrameworkMethod GET_TOOL_DEFINITION = new FrameworkMethod(TOOL_CALLBACK, "getToolDefinition");
    private static final FrameworkMethod DEFINITION_NAME = new FrameworkMethod(TOOL_DEFINITION, "name");

    private SpringAiObjects() {}

    /** The callback's tool name, as the model sees it; null when it has none. */
    static String toolName(Object callback) {
        try {
            Object name = DEFINITION_NAME.call(GET_TOOL_DEFINITION.call(callback));
            return name instanceof String text ? text : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A {@code ToolExecutionException} for the callback's tool carrying the refusal: the one exception Spring AI's
     * tool-calling manager hands to the model as the tool's response. If it cannot be made (a Spring AI without
     * it), the bare refusal: the call is refused all the same.
     */
    static RuntimeException toolExecutionException(Object callback, ToolCallDeniedException refusal) {
        try {
            ClassLoader loader = callback.getClass().getClassLoader();
            Class<?> definitionType = Class.forName(TOOL_DEFINITION, false, loader);
            Class<?> exceptionType = Class.forName(TOOL_EXECUTION_EXCEPTION, false, loader);
            Object definition = GET_TOOL_DEFINITION.call(callback);
            return (RuntimeException) exceptionType
                    .getConstructor(definitionType, Throwable.class)
                    .newInstance(definition, refusal);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return refusal;
        }
    }
}
