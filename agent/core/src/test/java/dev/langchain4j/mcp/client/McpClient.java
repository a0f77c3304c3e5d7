package dev.langchain4j.mcp.client;

/** Stand-in with the key of langchain4j-mcp's McpClient. */
public interface McpClient {
    String key();
}
