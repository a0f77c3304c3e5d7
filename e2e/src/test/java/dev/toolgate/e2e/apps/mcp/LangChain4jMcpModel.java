package dev.toolgate.e2e.apps.mcp;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Plays the MCP scenario: asks for the given tools at once, then reports what it was handed and answers. */
final class LangChain4jMcpModel implements ChatModel {

    private final Map<String, String> calls;

    LangChain4jMcpModel(Map<String, String> calls) {
        this.calls = calls;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ToolExecutionResultMessage> results = request.messages().stream()
                .filter(ToolExecutionResultMessage.class::isInstance)
                .map(ToolExecutionResultMessage.class::cast)
                .toList();
        if (results.isEmpty()) {
            Set<String> offered = request.toolSpecifications().stream().map(ToolSpecification::name)
                    .collect(Collectors.toSet());
            if (!offered.containsAll(calls.keySet())) {
                throw new IllegalStateException("model was offered " + offered + ", expected " + calls.keySet());
            }
            List<ToolExecutionRequest> requests = new ArrayList<>();
            calls.forEach((tool, arguments) -> requests.add(ToolExecutionRequest.builder()
                    .id("call-" + (requests.size() + 1)).name(tool).arguments(arguments).build()));
            return ChatResponse.builder().aiMessage(AiMessage.from(requests)).build();
        }
        for (ToolExecutionResultMessage result : results) {
            McpScenario.modelSaw(result.toolName(), result.text());
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(McpScenario.FINAL_ANSWER)).build();
    }
}
