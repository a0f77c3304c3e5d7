package dev.toolgate.e2e.apps.dispatch;

/** The AI service interface LangChain4j implements. */
public interface DispatchAssistant {

    String chat(String userMessage);
}
