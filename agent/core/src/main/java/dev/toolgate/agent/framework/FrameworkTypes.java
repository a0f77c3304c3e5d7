package dev.toolgate.agent.framework;

import java.util.ArrayDeque;
import java.util.Deque;

/** The framework types the agent recognises, by name, and the test whether an object is one of them. */
public final class FrameworkTypes {

    static final String LANGCHAIN4J_INVOCATION_CONTEXT = "dev.langchain4j.invocation.InvocationContext";
    static final String LANGCHAIN4J_CHAT_REQUEST = "dev.langchain4j.model.chat.request.ChatRequest";
    static final String LANGCHAIN4J_CHAT_RESPONSE = "dev.langchain4j.model.chat.response.ChatResponse";
    static final String LANGCHAIN4J_AI_SERVICES = "dev.langchain4j.service.DefaultAiServices";
    static final String SPRING_AI_TOOL_CONTEXT = "org.springframework.ai.chat.model.ToolContext";
    static final String SPRING_AI_PROMPT = "org.springframework.ai.chat.prompt.Prompt";
    static final String SPRING_AI_CHAT_RESPONSE = "org.springframework.ai.chat.model.ChatResponse";

    private FrameworkTypes() {}

    /** True when {@code type}, one of its superclasses or one of their interfaces is named {@code name}. */
    static boolean isA(Class<?> type, String name) {
        return supertype(type, name) != null;
    }

    /** The class or interface named {@code name} among {@code type} and its supertypes, or null. */
    public static Class<?> supertype(Class<?> type, String name) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> candidate = todo.poll();
            if (candidate.getName().equals(name)) {
                return candidate;
            }
            if (candidate.getSuperclass() != null) {
                todo.add(candidate.getSuperclass());
            }
            todo.addAll(java.util.List.of(candidate.getInterfaces()));
        }
        return null;
    }
}
