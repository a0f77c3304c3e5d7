package dev.toolgate.e2e.apps.langchain4j;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import dev.toolgate.e2e.apps.conversations.ConversationScenario;

/**
 * One LangChain4j assistant serving conversations of two agents, told apart by {@code @MemoryId} only. The app
 * knows nothing of Toolgate: roles, sessions and token counts come from LangChain4j.
 */
public final class MemoryIdApp {

    private MemoryIdApp() {
    }

    public static void main(String[] args) {
        MemoryAssistant assistant = AiServices.builder(MemoryAssistant.class)
                .chatModel(new MeteredChatModel())
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                .tools(new ConversationTools())
                .build();
        ConversationScenario.play(assistant::chat);
    }
}
