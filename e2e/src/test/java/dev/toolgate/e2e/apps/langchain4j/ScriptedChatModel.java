package dev.toolgate.e2e.apps.langchain4j;

import static dev.toolgate.e2e.apps.SqlScenario.DROP_TABLE;
import static dev.toolgate.e2e.apps.SqlScenario.DROP_TOOL;
import static dev.toolgate.e2e.apps.SqlScenario.FINAL_ANSWER;
import static dev.toolgate.e2e.apps.SqlScenario.READ_QUERY;
import static dev.toolgate.e2e.apps.SqlScenario.READ_TOOL;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.toolgate.e2e.apps.SqlScenario;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A chat model that plays a fixed script instead of calling a provider: it first asks for both tools, then
 * reports the tool results it was handed and answers.
 */
final class ScriptedChatModel implements ChatModel {

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ToolExecutionResultMessage> results = request.messages().stream()
                .filter(ToolExecutionResultMessage.class::isInstance)
                .map(ToolExecutionResultMessage.class::cast)
                .toList();
        if (results.isEmpty()) {
            // With the agent, the model is not shown the denied tool; it asks for it all the same, as a model talked
            // into it would, and the gate refuses it.
            requireOffered(request, READ_TOOL);
            return respond(AiMessage.from(List.of(
                    call("call-1", READ_TOOL, "{\"query\":\"" + READ_QUERY + "\"}"),
                    call("call-2", DROP_TOOL, "{\"table\":\"" + DROP_TABLE + "\"}"))));
        }
        for (ToolExecutionResultMessage result : results) {
            SqlScenario.modelSaw(result.toolName(), result.text());
        }
        return respond(AiMessage.from(FINAL_ANSWER));
    }

    /** Fails the run early if LangChain4j did not describe the tools to the model under the expected names. */
    private static void requireOffered(ChatRequest request, String... tools) {
        Set<String> offered = request.toolSpecifications().stream()
                .map(ToolSpecification::name)
                .collect(Collectors.toSet());
        if (!offered.containsAll(List.of(tools))) {
            throw new IllegalStateException("model was offered " + offered + ", expected " + List.of(tools));
        }
    }

    private static ToolExecutionRequest call(String id, String tool, String arguments) {
        return ToolExecutionRequest.builder()
                .id(id)
                .name(tool)
                .arguments(arguments)
                .build();
    }

    private static ChatResponse respond(AiMessage message) {
        return ChatResponse.builder().aiMessage(message).build();
    }
}
