package dev.toolgate.e2e.apps.langchain4j;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

/** An AI service with one chat memory per conversation, named by the memory id. */
public interface MemoryAssistant {

    String chat(@MemoryId String conversationId, @UserMessage String message);
}
