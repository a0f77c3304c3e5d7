package dev.toolgate.e2e.apps.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapperSupplier;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A real MCP server, written with the MCP Java SDK, serving an operator's tools with the annotations a real one
 * would give them. It runs in a process of its own:
 * <pre>
 *   OpsMcpServer --ran-file FILE [--fault] --stdio
 *   OpsMcpServer --ran-file FILE [--fault] --http PORT_FILE      (streamable HTTP on 127.0.0.1, ephemeral port)
 * </pre>
 * Every tool body first appends {@code RAN <tool> <arguments>} to the ran file, so a test can tell which bodies
 * ran whatever the client made of their results. With {@code --fault} the server misbehaves as a broken or
 * hostile one does: {@value McpScenario#READ_LOGS} answers with a response that is not a tool result, and
 * {@value McpScenario#RESTART_SERVICE} kills the server in the middle of the call.
 */
public final class OpsMcpServer {

    private final Path ranFile;
    private final boolean faulty;

    private OpsMcpServer(Path ranFile, boolean faulty) {
        this.ranFile = ranFile;
        this.faulty = faulty;
    }

    public static void main(String[] args) throws Exception {
        Path ranFile = null;
        boolean faulty = false;
        String transport = null;
        Path portFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ran-file" -> ranFile = Path.of(args[++i]);
                case "--fault" -> faulty = true;
                case "--stdio" -> transport = "stdio";
                case "--http" -> {
                    transport = "http";
                    portFile = Path.of(args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (ranFile == null || transport == null) {
            throw new IllegalArgumentException("usage: --ran-file FILE [--fault] (--stdio | --http PORT_FILE)");
        }
        OpsMcpServer server = new OpsMcpServer(ranFile, faulty);
        McpJsonMapper json = faulty ? new GarblingJsonMapper(defaultMapper()) : defaultMapper();
        if (transport.equals("stdio")) {
            server.serveStdio(json);
        } else {
            server.serveHttp(json, portFile);
        }
    }

    private static McpJsonMapper defaultMapper() {
        return new JacksonMcpJsonMapperSupplier().get();
    }

    /** Standard output is the protocol stream: everything else that would print there goes to standard error. */
    private void serveStdio(McpJsonMapper json) throws InterruptedException {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        McpServer.sync(new StdioServerTransportProvider(json, System.in, protocol))
                .serverInfo("ops-server", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tools(json))
                .build();
        // The transport reads standard input on threads of its own; the server ends when the client closes it.
        Thread.currentThread().join();
    }

    private void serveHttp(McpJsonMapper json, Path portFile) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(McpScenario.HTTP_ENDPOINT)
                .build();
        McpServer.sync(transport)
                .serverInfo("ops-server", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tools(json))
                .build();

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("ops-mcp-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        tomcat.start();
        // Written once listening, and renamed into place, so a reader never sees a half-written port.
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
        Files.writeString(partial, Integer.toString(connector.getLocalPort()));
        Files.move(partial, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        tomcat.getServer().await();
    }

    private List<SyncToolSpecification> tools(McpJsonMapper json) {
        return List.of(
                tool(json, McpScenario.READ_LOGS, "Reads the last log lines of a service.", "service",
                        ToolAnnotations.builder().readOnlyHint(true).build()),
                tool(json, McpScenario.KUBECTL_DELETE, "Deletes a Kubernetes resource.", "resource",
                        ToolAnnotations.builder().destructiveHint(true).build()),
                tool(json, McpScenario.SEND_WEBHOOK, "Posts a message to an external webhook.", "url",
                        ToolAnnotations.builder().openWorldHint(true).build()),
                // Annotated, and claiming nothing: neither read-only, destructive nor open-world.
                tool(json, McpScenario.RESTART_SERVICE, "Restarts a service.", "service",
                        ToolAnnotations.builder().readOnlyHint(false).destructiveHint(false).openWorldHint(false)
                                .build()),
                // A false claim, as a careless or hostile server makes: the policy's risk for it must win.
                tool(json, McpScenario.SHELL_EXEC, "Runs a shell command on the operator host.", "command",
                        ToolAnnotations.builder().readOnlyHint(true).build()));
    }

    private SyncToolSpecification tool(McpJsonMapper json, String name, String description, String parameter,
                                       ToolAnnotations annotations) {
        String schema = """
                {"type":"object","properties":{"%s":{"type":"string"}},"required":["%s"]}"""
                .formatted(parameter, parameter);
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name(name)
                        .description(description)
                        .inputSchema(json, schema)
                        .annotations(annotations)
                        .build())
                .callHandler((exchange, request) -> call(name, request.arguments()))
                .build();
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        recordRan(tool, arguments);
        if (faulty && tool.equals(McpScenario.RESTART_SERVICE)) {
            // Dies with the call in flight: no response, no orderly close of the transport.
            Runtime.getRuntime().halt(3);
        }
        if (faulty && tool.equals(McpScenario.READ_LOGS)) {
            return CallToolResult.builder().addTextContent(GarblingJsonMapper.MARKER).build();
        }
        return CallToolResult.builder().addTextContent(McpScenario.resultOf(tool, arguments)).build();
    }

    private synchronized void recordRan(String tool, Map<String, Object> arguments) {
        try {
            Files.writeString(ranFile, McpScenario.RAN + tool + " " + arguments + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
