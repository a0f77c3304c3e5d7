package dev.toolgate.e2e.apps.mcp;

import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.service.AiServices;
import java.time.Duration;

/**
 * A LangChain4j application using an MCP server as a user would: a {@link DefaultMcpClient} keyed
 * {@value McpScenario#CONNECTION} over stdio (the server a child process) or streamable HTTP, its tools offered to
 * an {@link AiServices} assistant through {@link McpToolProvider}, whose {@code McpToolExecutor}s run them.
 */
public final class LangChain4jMcpApp {

    /** The assistant the app talks to. */
    public interface Operator {
        String chat(String message);
    }

    private LangChain4jMcpApp() {
    }

    public static void main(String[] args) throws Exception {
        McpScenario.Connection connection = McpScenario.Connection.parse(args);
        McpTransport transport = connection.stdio()
                ? StdioMcpTransport.builder().command(connection.serverCommand()).logEvents(false).build()
                : StreamableHttpMcpTransport.builder().url(connection.target()).logRequests(false).logResponses(false)
                        .build();
        try (McpClient client = DefaultMcpClient.builder()
                .key(McpScenario.CONNECTION)
                .transport(transport)
                .toolExecutionTimeout(Duration.ofSeconds(10))
                .build()) {
            Operator operator = AiServices.builder(Operator.class)
                    .chatModel(new LangChain4jMcpModel(McpScenario.calls(connection.fault())))
                    .toolProvider(McpToolProvider.builder().mcpClients(client).build())
                    .build();
            McpScenario.answer(operator.chat("Check the checkout service and clean up."));
        }
    }
}
