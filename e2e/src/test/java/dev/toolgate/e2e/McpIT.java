package dev.toolgate.e2e;

import static dev.toolgate.e2e.apps.mcp.McpScenario.KUBECTL_DELETE;
import static dev.toolgate.e2e.apps.mcp.McpScenario.READ_LOGS;
import static dev.toolgate.e2e.apps.mcp.McpScenario.RESTART_SERVICE;
import static dev.toolgate.e2e.apps.mcp.McpScenario.SEND_WEBHOOK;
import static dev.toolgate.e2e.apps.mcp.McpScenario.SHELL_EXEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.mcp.LangChain4jMcpApp;
import dev.toolgate.e2e.apps.mcp.McpScenario;
import dev.toolgate.e2e.apps.mcp.SpringAiMcpApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tools of a real MCP server (its own process, over stdio and over streamable HTTP on loopback) reached through
 * the frameworks' real MCP clients, LangChain4j's {@code McpToolProvider} and Spring AI's
 * {@code SyncMcpToolCallbackProvider}, with Toolgate attached: each call is decided under the tool's plain name and
 * its connection's qualified name {@code mcp:ops/TOOL}, at the risk the server's annotations claim, a refused call
 * never reaches the server, and a broken server is an error the model is told about, not a broken application.
 */
class McpIT {

    private static final String ROLE = "ops_agent";
    private static final String QUALIFIED_DENY = "mcp:" + McpScenario.CONNECTION + "/" + KUBECTL_DELETE;

    /**
     * Every tool allowed by its plain name; kubectl_delete denied by its qualified name only; shell_exec's command
     * checked by the shell validator, and its risk set here whatever the server claims. Approvals are automatic so that only the allow-list and validation decide.
     */
    private static final String POLICY = """
            version: 1
            approval:
              defaults: {modify: allow, delete: allow, external: allow}
            roles:
              ops_agent:
                allowed_tools: [read_logs, kubectl_delete, shell_exec, send_webhook, restart_service]
                denied_tools: ["%s"]
            tools:
              shell_exec:
                risk: delete
                params:
                  command: {validator: shell-command, allow_programs: [ls, grep, echo]}
            """.formatted(QUALIFIED_DENY);

    enum Framework {
        LANGCHAIN4J(LangChain4jMcpApp.class.getName()),
        SPRING_AI(SpringAiMcpApp.class.getName());

        final String mainClass;

        Framework(String mainClass) {
            this.mainClass = mainClass;
        }
    }

    enum Transport { STDIO, HTTP }

    /** One healthy server for every HTTP run of the class; stdio runs spawn their own. */
    private static McpServerProcess httpServer;

    @BeforeAll
    static void startHttpServer() throws Exception {
        httpServer = McpServerProcess.startHttp(false);
    }

    @AfterAll
    static void stopHttpServer() throws Exception {
        if (httpServer != null) {
            httpServer.close();
        }
    }

    static Stream<Arguments> everyJdkFrameworkAndTransport() {
        List<Arguments> all = new ArrayList<>();
        Jdks.all().forEach(jdk -> {
            for (Framework framework : Framework.values()) {
                for (Transport transport : Transport.values()) {
                    all.add(Arguments.of(jdk, framework, transport));
                }
            }
        });
        return all.stream();
    }

    static Stream<Arguments> everyFrameworkAndTransport() {
        return Stream.of(Framework.values()).flatMap(framework -> Stream.of(Transport.values())
                .map(transport -> Arguments.of(framework, transport)));
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("everyJdkFrameworkAndTransport")
    void mcpToolsAreGatedByNameQualifiedNameAnnotationsAndValidators(Jdks.Jdk jdk, Framework framework,
                                                                     Transport transport) throws Exception {
        Outcome outcome = run(jdk, framework, transport, true, false, httpServer);
        JvmRun run = outcome.run();
        String log = outcome.describe();
        assertEquals(0, run.exitCode(), "the app must finish normally\n" + log);
        assertTrue(run.stdout().contains(McpScenario.ANSWER + McpScenario.FINAL_ANSWER), log);

        for (String tool : List.of(READ_LOGS, SEND_WEBHOOK, RESTART_SERVICE)) {
            assertTrue(outcome.ran().ran(tool), "the allowed tool " + tool + " must run on the server\n" + log);
            assertTrue(outcome.modelSaw(tool).contains(tool + " ok"), "the model gets " + tool + "'s result\n" + log);
        }
        for (String tool : List.of(KUBECTL_DELETE, SHELL_EXEC)) {
            assertFalse(outcome.ran().ran(tool), "the refused tool " + tool + " must never reach the server\n" + log);
        }
        String deleteRefusal = outcome.modelSaw(KUBECTL_DELETE);
        assertTrue(deleteRefusal.contains("Toolgate denied tool '" + KUBECTL_DELETE + "' for role '" + ROLE + "'"),
                "the model must be told kubectl_delete was refused\n" + log);
        assertTrue(deleteRefusal.contains(QUALIFIED_DENY), "the refusal names the qualified deny entry\n" + log);
        String shellRefusal = outcome.modelSaw(SHELL_EXEC);
        assertTrue(shellRefusal.contains("Toolgate denied tool '" + SHELL_EXEC + "' for role '" + ROLE + "'"), log);
        assertTrue(shellRefusal.contains("the program 'curl' is not on allow_programs"), log);

        AuditLine read = outcome.onlyDecision(READ_LOGS);
        assertEquals("allow", read.decision(), outcome.audit());
        assertEquals("read", read.text("risk_level"), "readOnlyHint makes read_logs a read\n" + outcome.audit());
        assertEquals(McpScenario.SERVICE, read.json().path("params").path("service").asText(), outcome.audit());
        assertEquals(1, outcome.events("tool_result", READ_LOGS).size(), "read_logs' result is audited\n"
                + outcome.audit());

        AuditLine delete = outcome.onlyDecision(KUBECTL_DELETE);
        assertEquals("deny", delete.decision(), outcome.audit());
        assertEquals("delete", delete.text("risk_level"), "destructiveHint makes it a delete\n" + outcome.audit());
        assertEquals("roles." + ROLE + ".denied_tools", delete.text("rule"), outcome.audit());
        assertTrue(delete.text("reason").contains(QUALIFIED_DENY), outcome.audit());
        assertEquals(McpScenario.RESOURCE, delete.json().path("params").path("resource").asText(), outcome.audit());

        AuditLine shell = outcome.onlyDecision(SHELL_EXEC);
        assertEquals("deny", shell.decision(), outcome.audit());
        assertEquals("delete", shell.text("risk_level"), "the policy's risk wins over the server's read-only claim\n"
                + outcome.audit());
        assertEquals(McpScenario.SHELL_COMMAND, shell.json().path("params").path("command").asText(),
                outcome.audit());

        AuditLine webhook = outcome.onlyDecision(SEND_WEBHOOK);
        assertEquals("allow", webhook.decision(), outcome.audit());
        assertEquals("external", webhook.text("risk_level"), "openWorldHint makes it external\n" + outcome.audit());

        AuditLine restart = outcome.onlyDecision(RESTART_SERVICE);
        assertEquals("allow", restart.decision(), outcome.audit());
        assertEquals("modify", restart.text("risk_level"), "annotations that claim nothing: modify\n"
                + outcome.audit());

        for (String tool : List.of(KUBECTL_DELETE, SHELL_EXEC)) {
            assertEquals(0, outcome.events("tool_result", tool).size(), "a refused call has no result\n"
                    + outcome.audit());
        }
        assertCleanAgentStop(run, outcome);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyFrameworkAndTransport")
    void withoutTheAgentEveryToolRuns(Framework framework, Transport transport) throws Exception {
        Outcome outcome = run(Jdks.current(), framework, transport, false, false, httpServer);
        String log = outcome.describe();
        assertEquals(0, outcome.run().exitCode(), log);
        for (String tool : List.of(READ_LOGS, KUBECTL_DELETE, SHELL_EXEC, SEND_WEBHOOK, RESTART_SERVICE)) {
            assertTrue(outcome.ran().ran(tool), "without the agent " + tool + " runs\n" + log);
            assertTrue(outcome.modelSaw(tool).contains(tool + " ok"), log);
        }
        assertFalse(outcome.run().stdout().contains("Toolgate"), log);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("everyJdkFrameworkAndTransport")
    void aGarbledResultOrAServerDyingMidCallIsAnErrorForTheModel(Jdks.Jdk jdk, Framework framework,
                                                                 Transport transport) throws Exception {
        Outcome outcome;
        if (transport == Transport.HTTP) {
            try (McpServerProcess faulty = McpServerProcess.startHttp(true)) {
                outcome = run(jdk, framework, transport, true, true, faulty);
                assertTrue(faulty.hasExited(10), "the faulty server ends itself in restart_service");
            }
        } else {
            outcome = run(jdk, framework, transport, true, true, null);
        }
        JvmRun run = outcome.run();
        String log = outcome.describe();
        assertEquals(0, run.exitCode(), "the app must go on and finish normally\n" + log);
        assertTrue(run.stdout().contains(McpScenario.ANSWER + McpScenario.FINAL_ANSWER), log);
        for (String tool : List.of(READ_LOGS, RESTART_SERVICE)) {
            assertTrue(outcome.ran().ran(tool), tool + " was allowed and reached the server\n" + log);
            String seen = outcome.modelSaw(tool);
            assertFalse(seen.isBlank(), "the model must be told what went wrong with " + tool + "\n" + log);
            assertFalse(seen.contains(tool + " ok"), log);
            assertEquals("allow", outcome.onlyDecision(tool).decision(), outcome.audit());
            assertEquals(1, outcome.events("tool_result", tool).size() + outcome.events("error", tool).size(),
                    "how " + tool + " ended is audited\n" + outcome.audit());
        }
        assertTrue(outcome.modelSaw(READ_LOGS).contains("garbage"),
                "the model is told the result could not be read\n" + log);
        assertCleanAgentStop(run, outcome);
    }

    private static void assertCleanAgentStop(JvmRun run, Outcome outcome) {
        AuditLine stop = run.stopLine();
        assertEquals("0", stop.text("internal_errors"), "agent_stop: " + stop + "\n" + outcome.describe());
        assertEquals("0", stop.text("instrumentation_errors"), "agent_stop: " + stop + "\n" + outcome.describe());
    }

    /**
     * Runs a client app against {@code server} (HTTP) or a server it spawns (stdio); {@code fault} plays the
     * broken-server conversation.
     */
    private static Outcome run(Jdks.Jdk jdk, Framework framework, Transport transport, boolean withAgent,
                               boolean fault, McpServerProcess server) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("mcp-" + framework.name().toLowerCase() + "-"
                + transport.name().toLowerCase());
        Path stdioRanFile = dir.resolve("ran.txt");
        List<String> args = new ArrayList<>(transport == Transport.STDIO
                ? List.of("stdio", stdioRanFile.toString())
                : List.of("http", server.url()));
        if (fault) {
            args.add("--fault");
        }
        ForkedJvm jvm = ForkedJvm.on(jdk).workDir(dir).withTestClassPath().timeoutSeconds(90)
                .main(framework.mainClass, args.toArray(String[]::new));
        if (withAgent) {
            Path policy = Policies.write(dir, "policy.yaml", POLICY);
            jvm.agent("policy=" + policy + ",role=" + ROLE);
        } else {
            jvm.withoutAgent();
        }
        long mark = transport == Transport.HTTP ? server.mark() : 0;
        JvmRun run = jvm.run();
        return new Outcome(run, transport == Transport.HTTP ? server.ranSince(mark) : RanTools.read(stdioRanFile, 0));
    }

    /** A finished run of a client app and what its server ran. */
    private record Outcome(JvmRun run, RanTools ran) {

        /** What the model was handed for {@code tool}; empty when it was handed nothing. */
        String modelSaw(String tool) {
            return modelSawByTool().getOrDefault(tool, "");
        }

        private Map<String, String> modelSawByTool() {
            Map<String, String> seen = new LinkedHashMap<>();
            for (String line : run.stdout().lines().toList()) {
                if (line.startsWith(McpScenario.MODEL_SAW)) {
                    String rest = line.substring(McpScenario.MODEL_SAW.length());
                    int colon = rest.indexOf(": ");
                    if (colon > 0) {
                        seen.put(rest.substring(0, colon), rest.substring(colon + 2));
                    }
                }
            }
            return seen;
        }

        AuditLine onlyDecision(String tool) {
            List<AuditLine> decisions = run.decisionsAbout(tool);
            assertEquals(1, decisions.size(), "one decision about " + tool + "\n" + audit());
            return decisions.get(0);
        }

        List<AuditLine> events(String type, String tool) {
            return run.audit(line -> type.equals(line.eventType()) && tool.equals(line.tool()));
        }

        String audit() {
            return "--- audit\n" + run.audit().stream().map(AuditLine::toString).collect(Collectors.joining("\n"))
                    + "\n" + describe();
        }

        String describe() {
            return run.describe() + "\n--- " + ran;
        }
    }
}
