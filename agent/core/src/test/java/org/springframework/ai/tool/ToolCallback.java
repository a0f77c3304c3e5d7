package org.springframework.ai.tool;

import org.springframework.ai.tool.definition.ToolDefinition;

/** Stand-in with the methods of Spring AI's ToolCallback that the gate reads. */
public interface ToolCallback {
    ToolDefinition getToolDefinition();

    String call(String toolInput);
}
