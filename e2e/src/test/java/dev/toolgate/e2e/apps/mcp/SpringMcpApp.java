package dev.toolgate.e2e.apps.mcp;

import dev.toolgate.api.Toolgate;
import dev.toolgate.api.ToolgateScope;
import dev.toolgate.e2e.apps.dispatch.DispatchScenario;
import dev.toolgate.e2e.apps.dispatch.DispatchScenario.Call;
import dev.toolgate.e2e.apps.dispatch.SpringScriptedModel;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;

/**
 * A Spring AI 2.0.1 {@code ChatClient} whose tools are those of a real MCP server process, through spring-ai-mcp's
 * {@code SyncMcpToolCallbackProvider} over the MCP Java SDK's client: over stdio and over streamable HTTP.
 * Arguments: a working directory for markers. Scenarios: {@code spring-stdio}, {@code spring-http}, then
 * {@code spring-stdio-failing} and {@code spring-http-failing} (a server that writes garbage and dies mid-call).
 */
public final class SpringMcpApp {

    private SpringMcpApp() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (McpSyncClient stdio = client(stdio(McpScenario.marker(dir, "spring-stdio")), Duration.ofSeconds(10))) {
            play("spring-stdio", stdio, false);
        }
        Path portFile = dir.resolve("spring-port.txt");
        Process server = McpScenario.startHttpServer(McpScenario.marker(dir, "spring-http"), portFile);
        try (McpSyncClient http = client(
                HttpClientStreamableHttpTransport.builder(
                                McpScenario.url(portFile).replace("/mcp", ""))
                        .endpoint("/mcp")
                        .build(),
                Duration.ofSeconds(10))) {
            play("spring-http", http, false);
        } finally {
            server.destroyForcibly();
        }
        McpSyncClient failing = client(stdio(McpScenario.marker(dir, "spring-stdio-failing")), Duration.ofSeconds(3));
        play("spring-stdio-failing", failing, true);
        try {
            failing.closeGracefully();
        } catch (RuntimeException closingADeadServer) {
            System.out.println("CLOSE " + closingADeadServer);
        }
        Path failingPortFile = dir.resolve("spring-failing-port.txt");
        Process failingServer =
                McpScenario.startHttpServer(McpScenario.marker(dir, "spring-http-failing"), failingPortFile);
        McpSyncClient failingHttp = client(
                HttpClientStreamableHttpTransport.builder(
                                McpScenario.url(failingPortFile).replace("/mcp", ""))
                        .endpoint("/mcp")
                        .build(),
                Duration.ofSeconds(3));
        try {
            play("spring-http-failing", failingHttp, true);
        } finally {
            failingServer.destroyForcibly();
        }
        try {
            failingHttp.closeGracefully();
        } catch (RuntimeException closingADeadServer) {
            System.out.println("CLOSE " + closingADeadServer);
        }
        System.out.println("EXIT spring");
    }

    private static McpClientTransport stdio(Path marker) {
        List<String> command = McpScenario.serverCommand("stdio", marker, null);
        return new StdioClientTransport(
                ServerParameters.builder(command.get(0))
                        .args(command.subList(1, command.size()))
                        .build(),
                McpJsonDefaults.getMapper());
    }

    private static McpSyncClient client(McpClientTransport transport, Duration timeout) {
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation(McpScenario.CONNECTION, "1.0"))
                .requestTimeout(timeout)
                .build();
        client.initialize();
        return client;
    }

    private static void play(String scenario, McpSyncClient client, boolean failing) {
        ToolCallback[] callbacks =
                SyncMcpToolCallbackProvider.builder().mcpClients(client).build().getToolCallbacks();
        System.out.println("TOOLS " + scenario + " "
                + String.join(
                        ",",
                        Arrays.stream(callbacks)
                                .map(callback -> callback.getToolDefinition().name())
                                .toList()));
        UnaryOperator<String> modelName = tool -> Arrays.stream(callbacks)
                .map(callback -> callback.getToolDefinition().name())
                .filter(name -> name.endsWith(tool))
                .findFirst()
                .orElse(tool);
        List<Call> calls = failing ? McpScenario.failingCalls(modelName) : McpScenario.standardCalls(modelName);
        try (ToolgateScope ignored = Toolgate.scope().session(scenario).open()) {
            String answer = ChatClient.create(new SpringScriptedModel(scenario, calls))
                    .prompt()
                    .user("Check the web service.")
                    .toolCallbacks(callbacks)
                    .call()
                    .content();
            DispatchScenario.answer(scenario, answer);
        } catch (RuntimeException failed) {
            DispatchScenario.chatFailed(scenario, failed);
        }
    }
}
