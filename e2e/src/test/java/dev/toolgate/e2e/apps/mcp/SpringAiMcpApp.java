package dev.toolgate.e2e.apps.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapperSupplier;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;

/**
 * A Spring AI application using an MCP server as a user would without Boot's auto-configuration: an MCP Java SDK
 * {@link McpSyncClient} named {@value McpScenario#CONNECTION} (its client info) over stdio (the server a child
 * process) or streamable HTTP, its tools turned into {@code SyncMcpToolCallback}s by
 * {@link SyncMcpToolCallbackProvider} and handed to a {@link ChatClient}.
 *
 * <p>The provider's default prefix generator leaves the server's tool names as they are unless two servers clash,
 * so the model sees {@code read_logs}, not a prefixed name.
 */
public final class SpringAiMcpApp {

    private SpringAiMcpApp() {
    }

    public static void main(String[] args) {
        McpScenario.Connection connection = McpScenario.Connection.parse(args);
        try (McpSyncClient client = McpClient.sync(transport(connection))
                .clientInfo(new McpSchema.Implementation(McpScenario.CONNECTION, "1.0"))
                // The SDK's stdio transport does not notice that the server died: a call in flight ends here.
                .requestTimeout(Duration.ofSeconds(4))
                .build()) {
            client.initialize();
            List<ToolCallback> tools = List.of(SyncMcpToolCallbackProvider.builder().mcpClients(client).build()
                    .getToolCallbacks());
            String answer = ChatClient.create(new SpringAiMcpModel(McpScenario.calls(connection.fault())))
                    .prompt()
                    .user("Check the checkout service and clean up.")
                    .toolCallbacks(tools)
                    .call()
                    .content();
            McpScenario.answer(answer);
        }
    }

    private static McpClientTransport transport(McpScenario.Connection connection) {
        if (connection.stdio()) {
            List<String> command = connection.serverCommand();
            return new StdioClientTransport(ServerParameters.builder(command.get(0))
                    .args(command.subList(1, command.size())).build(), new JacksonMcpJsonMapperSupplier().get());
        }
        URI url = URI.create(connection.target());
        return HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath())
                .build();
    }
}
