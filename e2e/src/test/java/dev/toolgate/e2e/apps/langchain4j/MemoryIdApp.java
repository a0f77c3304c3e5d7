package dev.toolgate.e2e.apps.langchain4j;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import dev.toolgate.e2e.apps.conversations.ConversationScenario;

/**
 * One LangChain4j assistant serving conversations of two agents, told apart by {@code @MemoryId} only. The app
 * knows nothing of Toolgate: roles, sessions and token counts come from LangChain4j. With the argument
 * {@code concurrent}, the model asks for each tool twice at once and LangChain4j runs the two calls on its own
 * executor threads, away from the AI service call.
 */
public final class MemoryIdApp {

    private MemoryIdApp() {}

    public static void main(String[] args) {
        boolean concurrent = args.length > 0 && args[0].equals("concurrent");
        AiServices<MemoryAssistant> builder = AiServices.builder(MemoryAssistant.class)
                .chatModel(new MeteredChatModel(concurrent ? 2 : 1))
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                .tools(new ConversationTools());
        if (concurrent) {
            builder.executeToolsConcurrently();
        }
        MemoryAssistant assistant = builder.build();
        ConversationScenario.play(assistant::chat);
    }
}
