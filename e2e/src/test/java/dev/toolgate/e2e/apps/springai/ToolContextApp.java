package dev.toolgate.e2e.apps.springai;

import dev.toolgate.e2e.apps.conversations.ConversationScenario;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;

/**
 * One Spring AI ChatClient serving conversations of two agents, told apart by the conversation id the
 * application puts in the ToolContext ({@link ChatMemory#CONVERSATION_ID}). The app knows nothing of Toolgate.
 */
public final class ToolContextApp {

    private ToolContextApp() {}

    public static void main(String[] args) {
        ChatClient client = ChatClient.create(new MeteredChatModel());
        ConversationTools tools = new ConversationTools();
        ConversationScenario.play((conversation, message) -> client.prompt()
                .user(message)
                .tools(tools)
                .toolContext(Map.of(ChatMemory.CONVERSATION_ID, conversation))
                .call()
                .content());
    }
}
