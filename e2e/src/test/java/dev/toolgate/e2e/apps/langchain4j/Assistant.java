package dev.toolgate.e2e.apps.langchain4j;

/** The AI service interface LangChain4j implements. */
public interface Assistant {

    String chat(String userMessage);
}
