package dev.langchain4j.invocation;

/** Stand-in with the name and memory id of LangChain4j's InvocationContext. */
public interface InvocationContext {
    Object chatMemoryId();
}
