package dev.toolgate.agent.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading framework objects by name, without their classes: stand-ins with the frameworks' names and shapes
 * (the real ones are exercised end to end with LangChain4j and Spring AI).
 */
class FrameworkObjectsTest {

    @Test
    void tokenUsageOfBothFrameworksIsRead() {
        TokenUsageReader reader = new TokenUsageReader();
        assertEquals(
                42,
                reader.totalTokens(new dev.langchain4j.model.chat.response.ChatResponse(
                        new dev.langchain4j.model.chat.response.ChatResponse.Usage(null, 40, 2))));
        assertEquals(
                7,
                reader.totalTokens(new dev.langchain4j.model.chat.response.ChatResponse(
                        new dev.langchain4j.model.chat.response.ChatResponse.Usage(7, 3, 3))));
        assertEquals(0, reader.totalTokens(new dev.langchain4j.model.chat.response.ChatResponse(null)));
        assertEquals(30, reader.totalTokens(new org.springframework.ai.chat.model.ChatResponse(30)));
        assertEquals(0, reader.totalTokens("a string"));
        assertEquals(0, reader.totalTokens(null));
    }

    @Test
    void conversationIdsOfBothFrameworksAreRead() {
        ConversationIds ids = new ConversationIds("chat_memory_conversation_id");
        assertEquals("infra:1", ids.of(dev.langchain4j.invocation.DefaultContext.of("infra:1")));
        assertEquals("17", ids.of(dev.langchain4j.invocation.DefaultContext.of(17)));
        assertNull(ids.of(dev.langchain4j.invocation.DefaultContext.of(null)));
        assertEquals(
                "data:9",
                ids.of(new org.springframework.ai.chat.model.ToolContext(
                        Map.of("chat_memory_conversation_id", "data:9", "other", "x"))));
        assertNull(ids.of(new org.springframework.ai.chat.model.ToolContext(Map.of("other", "x"))));
        assertEquals(
                "p:1",
                ids.of(new org.springframework.ai.chat.prompt.Prompt(Map.of("chat_memory_conversation_id", "p:1"))));
        assertNull(ids.of(new org.springframework.ai.chat.prompt.Prompt(null)));
        assertNull(ids.of("not a framework object"));
    }
}
