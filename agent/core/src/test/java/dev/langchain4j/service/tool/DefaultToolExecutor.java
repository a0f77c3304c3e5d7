package dev.langchain4j.service.tool;

import java.lang.reflect.Method;

/** Stand-in with the method accessor of LangChain4j's DefaultToolExecutor. */
public class DefaultToolExecutor {
    private final Method originalMethod;

    public DefaultToolExecutor(Method originalMethod) {
        this.originalMethod = originalMethod;
    }

    public Method originalMethod() {
        return originalMethod;
    }
}
