package org.springframework.ai.chat.model;

import java.util.Map;

/** Stand-in with the shape of Spring AI's ToolContext. */
public final class ToolContext {

    private final Map<String, Object> context;

    public ToolContext(Map<String, Object> context) {
        this.context = context;
    }

    public Map<String, Object> getContext() {
        return context;
    }
}
