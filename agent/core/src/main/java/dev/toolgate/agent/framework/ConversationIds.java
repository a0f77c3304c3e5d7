package dev.toolgate.agent.framework;

import java.util.Map;

/**
 * Reads the conversation id out of the framework objects that carry one: LangChain4j's
 * {@code InvocationContext.chatMemoryId()} (the {@code @MemoryId} argument, or {@code "default"}), Spring AI's
 * {@code ToolContext} entry, and the same entry in a Spring AI {@code Prompt}'s tool-calling options.
 */
final class ConversationIds {

    private enum Kind {
        LANGCHAIN4J_INVOCATION,
        SPRING_AI_TOOL_CONTEXT,
        SPRING_AI_PROMPT,
        NONE
    }

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            if (FrameworkTypes.isA(type, FrameworkTypes.LANGCHAIN4J_INVOCATION_CONTEXT)) {
                return Kind.LANGCHAIN4J_INVOCATION;
            }
            if (FrameworkTypes.isA(type, FrameworkTypes.SPRING_AI_TOOL_CONTEXT)) {
                return Kind.SPRING_AI_TOOL_CONTEXT;
            }
            if (FrameworkTypes.isA(type, FrameworkTypes.SPRING_AI_PROMPT)) {
                return Kind.SPRING_AI_PROMPT;
            }
            return Kind.NONE;
        }
    };

    private final Getter chatMemoryId = new Getter("chatMemoryId");
    private final Getter context = new Getter("getContext");
    private final Getter options = new Getter("getOptions");
    private final Getter toolContext = new Getter("getToolContext");
    private final String springAiKey;

    ConversationIds(String springAiKey) {
        this.springAiKey = springAiKey;
    }

    /** The conversation id {@code candidate} carries, or null when it is no such object or carries none. */
    String of(Object candidate) {
        if (candidate == null) {
            return null;
        }
        Object id = switch (KINDS.get(candidate.getClass())) {
            case LANGCHAIN4J_INVOCATION -> chatMemoryId.from(candidate);
            case SPRING_AI_TOOL_CONTEXT -> entry(context.from(candidate));
            case SPRING_AI_PROMPT -> entry(toolContext.from(options.from(candidate)));
            case NONE -> null;
        };
        return id == null ? null : id.toString();
    }

    /** True when {@code candidate} is an object this class reads. */
    static boolean carriesConversation(Object candidate) {
        return candidate != null && KINDS.get(candidate.getClass()) != Kind.NONE;
    }

    private Object entry(Object map) {
        return map instanceof Map<?, ?> entries ? entries.get(springAiKey) : null;
    }
}
