package dev.langchain4j.mcp;

import dev.langchain4j.mcp.client.McpClient;
import java.util.Optional;

/** Stand-in with the fields of langchain4j-mcp's McpToolExecutor (it implements ToolExecutor there). */
public class McpToolExecutor {
    private final McpClient mcpClient;
    private final Optional<String> fixedToolName;

    public McpToolExecutor(McpClient mcpClient, String fixedToolName) {
        this.mcpClient = mcpClient;
        this.fixedToolName = Optional.ofNullable(fixedToolName);
    }
}
