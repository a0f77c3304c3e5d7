package dev.toolgate.e2e.apps.springai;

import static dev.toolgate.e2e.apps.SqlScenario.DROP_TABLE;
import static dev.toolgate.e2e.apps.SqlScenario.DROP_TOOL;
import static dev.toolgate.e2e.apps.SqlScenario.FINAL_ANSWER;
import static dev.toolgate.e2e.apps.SqlScenario.READ_QUERY;
import static dev.toolgate.e2e.apps.SqlScenario.READ_TOOL;

import dev.toolgate.e2e.apps.SqlScenario;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.AssistantMessage.ToolCall;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A chat model that plays a fixed script instead of calling a provider: it first asks for both tools, then
 * reports the tool responses it was handed and answers.
 */
final class ScriptedChatModel implements ChatModel {

    /**
     * Tool-calling options, as every provider's model returns: ChatClient only attaches tool callbacks to the
     * prompt, and only runs its tool-calling loop, when the model's options are {@link ToolCallingChatOptions}.
     */
    @Override
    public ChatOptions getOptions() {
        return ToolCallingChatOptions.builder().build();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        List<ToolResponseMessage.ToolResponse> responses = prompt.getInstructions().stream()
                .filter(ToolResponseMessage.class::isInstance)
                .flatMap(message -> ((ToolResponseMessage) message).getResponses().stream())
                .toList();
        if (responses.isEmpty()) {
            requireOffered(prompt, READ_TOOL, DROP_TOOL);
            return respond(AssistantMessage.builder()
                    .toolCalls(List.of(
                            new ToolCall("call-1", "function", READ_TOOL, "{\"query\":\"" + READ_QUERY + "\"}"),
                            new ToolCall("call-2", "function", DROP_TOOL, "{\"table\":\"" + DROP_TABLE + "\"}")))
                    .build());
        }
        for (ToolResponseMessage.ToolResponse response : responses) {
            SqlScenario.modelSaw(response.name(), response.responseData());
        }
        return respond(new AssistantMessage(FINAL_ANSWER));
    }

    /** Fails the run early if Spring AI did not describe the tools to the model under the expected names. */
    private static void requireOffered(Prompt prompt, String... tools) {
        Set<String> offered = prompt.getOptions() instanceof ToolCallingChatOptions options
                ? options.getToolCallbacks().stream()
                        .map(callback -> callback.getToolDefinition().name())
                        .collect(Collectors.toSet())
                : Set.of();
        if (!offered.containsAll(List.of(tools))) {
            throw new IllegalStateException("model was offered " + offered + ", expected " + List.of(tools));
        }
    }

    private static ChatResponse respond(AssistantMessage message) {
        return new ChatResponse(List.of(new Generation(message)));
    }
}
