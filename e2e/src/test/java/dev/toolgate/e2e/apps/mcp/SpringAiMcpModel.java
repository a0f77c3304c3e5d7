package dev.toolgate.e2e.apps.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Plays the MCP scenario: asks for the given tools at once, then reports what it was handed and answers. */
final class SpringAiMcpModel implements ChatModel {

    private final Map<String, String> calls;

    SpringAiMcpModel(Map<String, String> calls) {
        this.calls = calls;
    }

    /** ChatClient only runs its tool-calling loop for models whose options are {@link ToolCallingChatOptions}. */
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
            Set<String> offered = prompt.getOptions() instanceof ToolCallingChatOptions options
                    ? options.getToolCallbacks().stream().map(callback -> callback.getToolDefinition().name())
                            .collect(Collectors.toSet())
                    : Set.of();
            if (!offered.containsAll(calls.keySet())) {
                throw new IllegalStateException("model was offered " + offered + ", expected " + calls.keySet());
            }
            List<ToolCall> toolCalls = new ArrayList<>();
            calls.forEach((tool, arguments) -> toolCalls.add(
                    new ToolCall("call-" + (toolCalls.size() + 1), "function", tool, arguments)));
            return respond(AssistantMessage.builder().toolCalls(toolCalls).build());
        }
        for (ToolResponseMessage.ToolResponse response : responses) {
            McpScenario.modelSaw(response.name(), response.responseData());
        }
        return respond(new AssistantMessage(McpScenario.FINAL_ANSWER));
    }

    private static ChatResponse respond(AssistantMessage message) {
        return new ChatResponse(List.of(new Generation(message)));
    }
}
