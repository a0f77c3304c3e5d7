package dev.toolgate.e2e.apps.langchain4j;

import dev.langchain4j.service.AiServices;
import dev.toolgate.e2e.apps.SqlScenario;

/**
 * A LangChain4j application as a user would write it: an {@link AiServices} assistant with a tools object.
 *
 * <p>No {@code toolExecutionErrorHandler} is configured on purpose. In LangChain4j 1.19.0 {@code AiServices}
 * builds its {@code DefaultToolExecutor}s with {@code propagateToolExecutionExceptions(true)}, so an exception
 * thrown by a tool method (arriving wrapped in an {@code InvocationTargetException}) becomes a
 * {@code ToolExecutionException}; {@code ToolService.executeWithErrorHandling} unwraps its cause and hands it to
 * the default {@code ToolExecutionErrorHandler}, which returns the cause's message as the text of the tool result
 * (with {@code isError} set) and logs a warning. The model therefore sees Toolgate's refusal and the
 * conversation goes on.
 */
public final class LangChain4jApp {

    private LangChain4jApp() {}

    public static void main(String[] args) {
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(new ScriptedChatModel())
                .tools(new SqlTools())
                .build();
        SqlScenario.answer(assistant.chat("List the users, then drop the users table."));
    }
}
