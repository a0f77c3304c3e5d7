package dev.toolgate.e2e.apps.dispatch;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;

/**
 * A LangChain4j chat model playing a fixed script: first it asks for all its calls at once, then it prints every
 * tool result it was handed and answers.
 */
public final class Lc4jScriptedModel implements ChatModel {

    private final String scenario;
    private final List<DispatchScenario.Call> calls;

    public Lc4jScriptedModel(String scenario, List<DispatchScenario.Call> calls) {
        this.scenario = scenario;
        this.calls = calls;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ToolExecutionResultMessage> results = request.messages().stream()
                .filter(ToolExecutionResultMessage.class::isInstance)
                .map(ToolExecutionResultMessage.class::cast)
                .toList();
        if (results.isEmpty()) {
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(calls.stream()
                            .map(call -> ToolExecutionRequest.builder()
                                    .id(call.id())
                                    .name(call.tool())
                                    .arguments(call.arguments())
                                    .build())
                            .toList()))
                    .build();
        }
        for (ToolExecutionResultMessage result : results) {
            DispatchScenario.modelSaw(scenario, result.id(), result.toolName(), result.text());
        }
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(DispatchScenario.FINAL_ANSWER))
                .build();
    }
}
