package dev.toolgate.e2e.apps.mcp;

import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.service.AiServices;
import dev.toolgate.api.Toolgate;
import dev.toolgate.api.ToolgateScope;
import dev.toolgate.e2e.apps.dispatch.DispatchAssistant;
import dev.toolgate.e2e.apps.dispatch.DispatchScenario;
import dev.toolgate.e2e.apps.dispatch.DispatchScenario.Call;
import dev.toolgate.e2e.apps.dispatch.Lc4jScriptedModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A LangChain4j 1.19 AI service whose tools are those of a real MCP server process, through langchain4j-mcp's
 * {@code McpToolProvider}: over stdio (the client starts the server) and over streamable HTTP (on loopback).
 * Arguments: a working directory for markers. Scenarios: {@code lc4j-stdio}, {@code lc4j-http}, then
 * {@code lc4j-stdio-failing} in which the server writes garbage and dies in the middle of a call, and
 * {@code lc4j-http-failing} in which a server on HTTP dies in the middle of a call.
 */
public final class Lc4jMcpApp {

    private Lc4jMcpApp() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (McpClient stdio = client(stdio(McpScenario.marker(dir, "lc4j-stdio")), Duration.ofSeconds(10))) {
            play("lc4j-stdio", stdio, McpScenario.standardCalls(UnaryOperator.identity()));
        }
        Path portFile = dir.resolve("lc4j-port.txt");
        Process server = McpScenario.startHttpServer(McpScenario.marker(dir, "lc4j-http"), portFile);
        try (McpClient http = client(
                new StreamableHttpMcpTransport.Builder()
                        .url(McpScenario.url(portFile))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                Duration.ofSeconds(10))) {
            play("lc4j-http", http, McpScenario.standardCalls(UnaryOperator.identity()));
        } finally {
            server.destroyForcibly();
        }
        McpClient failing = client(stdio(McpScenario.marker(dir, "lc4j-stdio-failing")), Duration.ofSeconds(3));
        play("lc4j-stdio-failing", failing, McpScenario.failingCalls(UnaryOperator.identity()));
        try {
            failing.close();
        } catch (Exception closingADeadServer) {
            System.out.println("CLOSE " + closingADeadServer);
        }
        Path failingPortFile = dir.resolve("lc4j-failing-port.txt");
        Process failingServer =
                McpScenario.startHttpServer(McpScenario.marker(dir, "lc4j-http-failing"), failingPortFile);
        McpClient failingHttp = client(
                new StreamableHttpMcpTransport.Builder()
                        .url(McpScenario.url(failingPortFile))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                Duration.ofSeconds(3));
        try {
            play("lc4j-http-failing", failingHttp, McpScenario.failingCalls(UnaryOperator.identity()));
        } finally {
            failingServer.destroyForcibly();
        }
        try {
            failingHttp.close();
        } catch (Exception closingADeadServer) {
            System.out.println("CLOSE " + closingADeadServer);
        }
        System.out.println("EXIT lc4j");
    }

    private static McpTransport stdio(Path marker) {
        return new StdioMcpTransport.Builder()
                .command(McpScenario.serverCommand("stdio", marker, null))
                .logEvents(false)
                .build();
    }

    private static McpClient client(McpTransport transport, Duration timeout) {
        return new DefaultMcpClient.Builder()
                .key(McpScenario.CONNECTION)
                .transport(transport)
                .toolExecutionTimeout(timeout)
                .build();
    }

    private static void play(String scenario, McpClient client, List<Call> calls) {
        DispatchAssistant assistant = AiServices.builder(DispatchAssistant.class)
                .chatModel(new Lc4jScriptedModel(scenario, calls))
                .toolProvider(McpToolProvider.builder().mcpClients(client).build())
                .build();
        try (ToolgateScope ignored = Toolgate.scope().session(scenario).open()) {
            DispatchScenario.answer(scenario, assistant.chat("Check the web service."));
        } catch (RuntimeException failed) {
            DispatchScenario.chatFailed(scenario, failed);
        }
    }
}
