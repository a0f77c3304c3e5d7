package dev.toolgate.agent.framework;

/**
 * The total tokens a model response reports: LangChain4j's {@code ChatResponse.tokenUsage()} (total, else
 * input + output) and Spring AI's {@code ChatResponse.getMetadata().getUsage().getTotalTokens()} (total, else
 * prompt + completion). Zero for anything else, or when the response reports nothing.
 */
final class TokenUsageReader {

    private enum Kind {
        LANGCHAIN4J,
        SPRING_AI,
        NONE
    }

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            if (FrameworkTypes.isA(type, FrameworkTypes.LANGCHAIN4J_CHAT_RESPONSE)) {
                return Kind.LANGCHAIN4J;
            }
            return FrameworkTypes.isA(type, FrameworkTypes.SPRING_AI_CHAT_RESPONSE) ? Kind.SPRING_AI : Kind.NONE;
        }
    };

    private final Getter tokenUsage = new Getter("tokenUsage");
    private final Getter totalTokenCount = new Getter("totalTokenCount");
    private final Getter inputTokenCount = new Getter("inputTokenCount");
    private final Getter outputTokenCount = new Getter("outputTokenCount");
    private final Getter metadata = new Getter("getMetadata");
    private final Getter usage = new Getter("getUsage");
    private final Getter totalTokens = new Getter("getTotalTokens");
    private final Getter promptTokens = new Getter("getPromptTokens");
    private final Getter completionTokens = new Getter("getCompletionTokens");

    long totalTokens(Object response) {
        if (response == null) {
            return 0;
        }
        return switch (KINDS.get(response.getClass())) {
            case LANGCHAIN4J -> {
                Object usageOfResponse = tokenUsage.from(response);
                yield total(
                        totalTokenCount.from(usageOfResponse),
                        inputTokenCount.from(usageOfResponse),
                        outputTokenCount.from(usageOfResponse));
            }
            case SPRING_AI -> {
                Object usageOfResponse = usage.from(metadata.from(response));
                yield total(
                        totalTokens.from(usageOfResponse),
                        promptTokens.from(usageOfResponse),
                        completionTokens.from(usageOfResponse));
            }
            case NONE -> 0;
        };
    }

    private static long total(Object total, Object in, Object out) {
        if (total instanceof Number number && number.longValue() > 0) {
            return number.longValue();
        }
        return positive(in) + positive(out);
    }

    private static long positive(Object count) {
        return count instanceof Number number && number.longValue() > 0 ? number.longValue() : 0;
    }
}
