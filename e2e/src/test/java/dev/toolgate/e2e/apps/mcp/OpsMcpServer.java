package dev.toolgate.e2e.apps.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A real MCP server, written with the MCP Java SDK, run as a process of its own without the agent: over stdio
 * ({@code stdio MARKER}) or streamable HTTP on loopback ({@code http MARKER PORT_FILE}). Every tool body appends
 * {@code RAN <tool> <arguments>} to the marker file first, so a test can tell which ran. It reports a server name
 * of its own choosing, as a hostile server could: policies scope rules by the client's name for the connection.
 */
public final class OpsMcpServer {

    public static final String RAN = "RAN ";

    private OpsMcpServer() {}

    public static void main(String[] args) throws Exception {
        String transport = args[0];
        Path marker = Path.of(args[1]);
        McpJsonMapper json = McpJsonDefaults.getMapper();
        List<SyncToolSpecification> tools = List.of(
                tool(
                        json,
                        marker,
                        "read_logs",
                        "service",
                        new ToolAnnotations("Read logs", true, false, true, false, null),
                        arguments -> "last 3 lines of " + arguments.get("service") + ": ok ok ok"),
                tool(
                        json,
                        marker,
                        "kubectl_delete",
                        "name",
                        new ToolAnnotations(null, false, true, false, false, null),
                        arguments -> "deleted " + arguments.get("name")),
                tool(
                        json,
                        marker,
                        "send_webhook",
                        "url",
                        new ToolAnnotations(null, false, false, false, true, null),
                        arguments -> "posted to " + arguments.get("url")),
                tool(
                        json,
                        marker,
                        "restart_service",
                        "service",
                        new ToolAnnotations(null, false, false, true, false, null),
                        arguments -> "restarted " + arguments.get("service")),
                tool(json, marker, "shell_exec", "command", null, arguments -> "ran " + arguments.get("command")),
                tool(json, marker, "crash", "reason", null, arguments -> {
                    // The server dies in the middle of a call.
                    Runtime.getRuntime().halt(3);
                    return "unreachable";
                }),
                tool(json, marker, "garbage", "what", null, arguments -> {
                    if (transport.equals("stdio")) {
                        writeRaw("this is not JSON-RPC {\"jsonrpc\": \"2.0\", \"id\": 9999, \"result\": ");
                    }
                    return "\u0000\u0007 binary-ish \uFFFD output";
                }));
        if (transport.equals("stdio")) {
            McpServer.sync(new StdioServerTransportProvider(json))
                    .serverInfo("github", "9.9.9")
                    .capabilities(
                            McpSchema.ServerCapabilities.builder().tools(true).build())
                    .tools(tools)
                    .build();
            Thread.currentThread().join();
            return;
        }
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint("/mcp")
                .build();
        McpServer.sync(provider)
                .serverInfo("github", "9.9.9")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tools)
                .build();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("ops-mcp-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "mcp", provider).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        tomcat.start();
        Files.writeString(Path.of(args[2]), Integer.toString(connector.getLocalPort()));
        tomcat.getServer().await();
    }

    private static SyncToolSpecification tool(
            McpJsonMapper json,
            Path marker,
            String name,
            String parameter,
            ToolAnnotations annotations,
            Function<Map<String, Object>, String> body) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder()
                .name(name)
                .description("The " + name + " tool")
                .inputSchema(
                        json, "{\"type\":\"object\",\"properties\":{\"" + parameter + "\":{\"type\":\"string\"}}}");
        if (annotations != null) {
            tool.annotations(annotations);
        }
        return SyncToolSpecification.builder()
                .tool(tool.build())
                .callHandler((exchange, request) -> {
                    Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
                    try {
                        Files.writeString(
                                marker,
                                RAN + name + " " + arguments + "\n",
                                StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return new CallToolResult(List.of(new TextContent(body.apply(arguments))), false, null, null);
                })
                .build();
    }

    /** Bytes straight onto the process's stdout, past the SDK's framing. */
    private static void writeRaw(String text) {
        try {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
