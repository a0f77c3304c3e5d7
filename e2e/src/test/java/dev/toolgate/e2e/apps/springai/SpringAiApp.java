package dev.toolgate.e2e.apps.springai;

import dev.toolgate.e2e.apps.SqlScenario;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.support.ToolCallbacks;

/**
 * A Spring AI application, in either of the two ways users drive tool calling:
 * <ul>
 *   <li>{@code chat-client}: {@link ChatClient} with {@code .tools(...)}. ChatClient turns the object into
 *       {@code MethodToolCallback}s with {@link ToolCallbacks#from} and auto-registers a
 *       {@code ToolCallingAdvisor} whose {@code DefaultToolCallingManager} runs the tool-calling loop.</li>
 *   <li>{@code tool-calling-manager}: the loop written by hand around {@link ToolCallingManager#executeToolCalls},
 *       as for user-controlled tool execution.</li>
 * </ul>
 *
 * <p>No {@code ToolExecutionExceptionProcessor} is configured on purpose. {@code MethodToolCallback} wraps what a
 * tool method throws in a {@code ToolExecutionException} carrying the cause's message; in Spring AI 2.0.1 the
 * manager's default {@code DefaultToolExecutionExceptionProcessor} (alwaysThrow false, nothing to rethrow)
 * returns that message as the tool response for any {@code RuntimeException} cause, and
 * {@code SecurityException} is one. The model therefore sees Toolgate's refusal and the conversation goes on.
 */
public final class SpringAiApp {

    private static final String QUESTION = "List the users, then drop the users table.";

    private SpringAiApp() {}

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "chat-client";
        ChatModel model = new ScriptedChatModel();
        SqlTools tools = new SqlTools();
        String answer = switch (mode) {
            case "chat-client" -> viaChatClient(model, tools);
            case "tool-calling-manager" -> viaToolCallingManager(model, tools);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        SqlScenario.answer(answer);
    }

    private static String viaChatClient(ChatModel model, SqlTools tools) {
        return ChatClient.create(model)
                .prompt()
                .user(QUESTION)
                .tools(tools)
                .call()
                .content();
    }

    private static String viaToolCallingManager(ChatModel model, SqlTools tools) {
        ToolCallingManager manager = ToolCallingManager.builder().build();
        ToolCallingChatOptions options = ToolCallingChatOptions.builder()
                .toolCallbacks(ToolCallbacks.from(tools))
                .build();
        Prompt prompt = new Prompt(new UserMessage(QUESTION), options);
        ChatResponse response = model.call(prompt);
        while (response.hasToolCalls()) {
            ToolExecutionResult result = manager.executeToolCalls(prompt, response);
            prompt = new Prompt(result.conversationHistory(), options);
            response = model.call(prompt);
        }
        return response.getResult().getOutput().getText();
    }
}
