package dev.langchain4j.model.chat.response;

/** Stand-in with the shape of LangChain4j's ChatResponse, for reading token usage by name. */
public class ChatResponse {

    private final Usage usage;

    public ChatResponse(Usage usage) {
        this.usage = usage;
    }

    public Usage tokenUsage() {
        return usage;
    }

    /** Like LangChain4j's TokenUsage: counts may be null. */
    public record Usage(Integer totalTokenCount, Integer inputTokenCount, Integer outputTokenCount) {}
}
