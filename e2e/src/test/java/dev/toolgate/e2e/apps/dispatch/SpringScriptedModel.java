package dev.toolgate.e2e.apps.dispatch;

import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A Spring AI chat model playing a fixed script: first it asks for all its calls at once, then it prints every
 * tool response it was handed and answers.
 */
public final class SpringScriptedModel implements ChatModel {

    private final String scenario;
    private final List<DispatchScenario.Call> calls;

    public SpringScriptedModel(String scenario, List<DispatchScenario.Call> calls) {
        this.scenario = scenario;
        this.calls = calls;
    }

    /** ChatClient only runs its tool-calling loop when the model's options are tool-calling options. */
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
            return respond(AssistantMessage.builder()
                    .toolCalls(calls.stream()
                            .map(call ->
                                    new AssistantMessage.ToolCall(call.id(), "function", call.tool(), call.arguments()))
                            .toList())
                    .build());
        }
        for (ToolResponseMessage.ToolResponse response : responses) {
            DispatchScenario.modelSaw(scenario, response.id(), response.name(), response.responseData());
        }
        return respond(new AssistantMessage(DispatchScenario.FINAL_ANSWER));
    }

    private static ChatResponse respond(AssistantMessage message) {
        return new ChatResponse(List.of(new Generation(message)));
    }
}
