package org.springframework.ai.tool.execution;

import org.springframework.ai.tool.definition.ToolDefinition;

/** Stand-in with the constructor of Spring AI's ToolExecutionException. */
public class ToolExecutionException extends RuntimeException {
    private final transient ToolDefinition toolDefinition;

    public ToolExecutionException(ToolDefinition toolDefinition, Throwable cause) {
        super(cause.getMessage(), cause);
        this.toolDefinition = toolDefinition;
    }

    public ToolDefinition getToolDefinition() {
        return toolDefinition;
    }
}
