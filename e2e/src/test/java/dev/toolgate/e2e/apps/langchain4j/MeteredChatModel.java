package dev.toolgate.e2e.apps.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.toolgate.e2e.apps.conversations.ConversationScenario;
import java.util.List;

/**
 * A scripted model that reports token usage, as providers do: asks for the tool the last user message names
 * ({@code copies} times in one response), then answers with what the tool returned. Every response uses 100 input
 * and 20 output tokens.
 */
final class MeteredChatModel implements ChatModel {

    private final int copies;

    MeteredChatModel(int copies) {
        this.copies = copies;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        AiMessage reply;
        if (last instanceof UserMessage user) {
            String tool = ConversationScenario.toolAskedFor(user.singleText());
            List<ToolExecutionRequest> requests = new java.util.ArrayList<>();
            for (int i = 0; i < copies; i++) {
                requests.add(ToolExecutionRequest.builder()
                        .id("call-" + messages.size() + "-" + i)
                        .name(tool)
                        .arguments("{}")
                        .build());
            }
            reply = AiMessage.from(requests);
        } else if (last instanceof ToolExecutionResultMessage result) {
            reply = AiMessage.from("tool said: " + result.text());
        } else {
            reply = AiMessage.from("nothing to do");
        }
        return ChatResponse.builder()
                .aiMessage(reply)
                .tokenUsage(new TokenUsage(100, 20))
                .build();
    }
}
