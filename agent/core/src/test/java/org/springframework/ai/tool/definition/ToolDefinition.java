package org.springframework.ai.tool.definition;

/** Stand-in with the name of Spring AI's ToolDefinition. */
public interface ToolDefinition {
    String name();
}
