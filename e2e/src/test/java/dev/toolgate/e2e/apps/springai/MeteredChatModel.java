package dev.toolgate.e2e.apps.springai;

import dev.toolgate.e2e.apps.conversations.ConversationScenario;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A scripted model that reports usage, as providers do: asks for the tool the last user message names, then
 * answers with what it returned. Every response uses 100 prompt and 20 completion tokens.
 */
final class MeteredChatModel implements ChatModel {

    @Override
    public ChatOptions getOptions() {
        return ToolCallingChatOptions.builder().build();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        List<Message> messages = prompt.getInstructions();
        Message last = messages.get(messages.size() - 1);
        AssistantMessage reply;
        if (last instanceof UserMessage user) {
            String tool = ConversationScenario.toolAskedFor(user.getText());
            reply = AssistantMessage.builder()
                    .toolCalls(
                            List.of(new AssistantMessage.ToolCall("call-" + messages.size(), "function", tool, "{}")))
                    .build();
        } else if (last instanceof ToolResponseMessage responses) {
            reply = new AssistantMessage(
                    "tool said: " + responses.getResponses().get(0).responseData());
        } else {
            reply = new AssistantMessage("nothing to do");
        }
        return ChatResponse.builder()
                .generations(List.of(new Generation(reply)))
                .metadata(ChatResponseMetadata.builder()
                        .usage(new DefaultUsage(100, 20))
                        .build())
                .build();
    }
}
