package org.springframework.ai.mcp;

/** Stand-in with the fields of Spring AI's SyncMcpToolCallback and of the MCP SDK objects it holds. */
public class SyncMcpToolCallback {
    private final Client mcpClient;
    private final Tool tool;

    public SyncMcpToolCallback(String clientName, Tool tool) {
        this.mcpClient = new Client(new Implementation(clientName, "1.0"));
        this.tool = tool;
    }

    public record Implementation(String name, String version) {}

    public record ToolAnnotations(
            String title,
            Boolean readOnlyHint,
            Boolean destructiveHint,
            Boolean idempotentHint,
            Boolean openWorldHint,
            Boolean returnDirect) {}

    public record Tool(String name, ToolAnnotations annotations) {}

    public static final class Client {
        private final Implementation info;

        Client(Implementation info) {
            this.info = info;
        }

        public Implementation getClientInfo() {
            return info;
        }
    }
}
