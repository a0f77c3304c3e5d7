package dev.toolgate.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.otel.TracedApp;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Telemetry with the real agent jar in forked JVMs on Java 17 and 25: the OpenTelemetry Java agent beside it (in
 * either order of the {@code -javaagent} flags) carries a guardrail span per gated call in the application's
 * trace, and Toolgate's own OTLP export sends the audit events and metrics; both go to one real OTLP/HTTP
 * collector that decodes them.
 */
class TelemetryIT {

    private static final String POLICY = """
            roles:
              app_agent:
                allowed_tools: [ping]
                denied_tools: [wipe]
            """;

    static Stream<Arguments> jdksAndOrders() {
        return Jdks.all().flatMap(jdk -> Stream.of(Arguments.of(jdk, true), Arguments.of(jdk, false)));
    }

    @ParameterizedTest(name = "{0}, Toolgate first: {1}")
    @MethodSource("jdksAndOrders")
    void bothAgentsPutAGuardrailSpanPerCallInTheApplicationsTrace(Jdks.Jdk jdk, boolean toolgateFirst)
            throws Exception {
        try (OtlpCollector collector = new OtlpCollector()) {
            Path dir = ForkedJvm.freshWorkDir("telemetry");
            Path policy = Policies.write(dir, "agents.yaml", POLICY);
            Path audit = dir.resolve("audit.jsonl");
            String toolgate = "-javaagent:" + ForkedJvm.agentJar() + "=policy=" + policy + ",role=app_agent,audit.file="
                    + audit + ",otlp.endpoint=" + collector.endpoint() + ",otlp.metrics.interval=200ms"
                    + ",metrics.prometheus.port=" + freePort();
            String otel = "-javaagent:" + otelAgentJar();
            ForkedJvm jvm = ForkedJvm.on(jdk).withoutAgent().withTestClassPath().workDir(dir);
            for (String agent : toolgateFirst ? List.of(toolgate, otel) : List.of(otel, toolgate)) {
                jvm.jvmOption(agent);
            }
            JvmRun run = otelExportingTo(jvm, collector)
                    .main(TracedApp.class.getName())
                    .run();

            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.stdout().contains("CALL ping pong"), run.describe());
            assertTrue(run.stdout().contains("CALL wipe refused: "), run.describe());
            assertTrue(run.stderr().contains("[toolgate] agent started"), run.describe());
            assertTrue(run.stderr().contains("guardrail spans"), run.stderr());
            assertTrue(run.stderr().contains("Prometheus on port"), run.stderr());
            String[] trace = run.stdout()
                    .lines()
                    .filter(line -> line.startsWith("TRACE "))
                    .findFirst()
                    .orElseThrow()
                    .split(" ");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> guardrailSpans(collector).size() == 2);
            List<Span> spans = guardrailSpans(collector);
            for (Span span : spans) {
                assertEquals(
                        trace[1], HexFormat.of().formatHex(span.getTraceId().toByteArray()), span.toString());
                assertEquals(
                        trace[2],
                        HexFormat.of().formatHex(span.getParentSpanId().toByteArray()),
                        span.toString());
                assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, span.getKind());
                assertEquals("apply_guardrail", attribute(span.getAttributesList(), "gen_ai.operation.name"));
                assertEquals("tool_call", attribute(span.getAttributesList(), "gen_ai.security.target.type"));
                assertEquals("agents.yaml", attribute(span.getAttributesList(), "gen_ai.security.policy.id"));
                assertEquals("app_agent", attribute(span.getAttributesList(), "toolgate.role"));
            }
            Span ping = spanFor(spans, "ping");
            assertEquals("allow", attribute(ping.getAttributesList(), "gen_ai.security.decision.type"));
            assertEquals("permission", attribute(ping.getAttributesList(), "toolgate.step"));
            Span wipe = spanFor(spans, "wipe");
            assertEquals("deny", attribute(wipe.getAttributesList(), "gen_ai.security.decision.type"));
            assertEquals("roles.app_agent.denied_tools", attribute(wipe.getAttributesList(), "toolgate.rule"));

            // Toolgate's own export, from the relocated SDK in the agent jar: every audit event, line for line.
            List<String> decisions = Files.readAllLines(audit).stream()
                    .filter(line -> line.contains("\"event_type\":\"decision\""))
                    .toList();
            assertEquals(2, decisions.size(), run.describe());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> toolgateLogs(collector).stream()
                            .map(log -> log.getBody().getStringValue())
                            .toList()
                            .containsAll(decisions));
            assertTrue(
                    collector.metrics().stream()
                            .anyMatch(metric -> metric.getName().equals("toolgate.decisions")),
                    "no toolgate.decisions metric received");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void anOtlpEndpointThatIsDownHoldsUpNoCallAndTheAuditFileHasEverything(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("telemetry-down");
        Path policy = Policies.write(dir, "agents.yaml", POLICY);
        long started = System.nanoTime();
        JvmRun run = ForkedJvm.on(jdk)
                .withTestClassPath()
                .workDir(dir)
                .agent("policy=" + policy + ",role=app_agent,otlp.endpoint=http://127.0.0.1:" + freePort()
                        + ",otlp.timeout=300ms,otlp.queue=4,metrics.enabled=true")
                .main(TracedApp.class.getName())
                .run();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("CALL ping pong"), run.describe());
        assertTrue(run.stdout().contains("CALL wipe refused: "), run.describe());
        assertEquals(1, run.decisionsAbout("ping").size(), run.describe());
        assertEquals(1, run.decisionsAbout("wipe").size(), run.describe());
        assertTrue(run.stderr().contains("OTLP log export to http://127.0.0.1:"), run.stderr());
        assertFalse(run.stderr().contains("Exception in thread"), run.stderr());
        // Shutdown gives the export two seconds; the whole run stays short however long the endpoint is down.
        assertTrue(seconds < 30, "the run took " + seconds + " s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void withTelemetryOffNoneOfItsLibrariesIsLoaded(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("telemetry-off");
        Path policy = Policies.write(dir, "agents.yaml", POLICY);
        JvmRun run = ForkedJvm.on(jdk)
                .withTestClassPath()
                .workDir(dir)
                .agent("policy=" + policy + ",role=app_agent")
                .jvmOption("-Xlog:class+load=info:file=" + dir.resolve("classes.txt"))
                .main(TracedApp.class.getName(), "once")
                .run();

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("CALL ping pong"), run.describe());
        List<String> loaded = Files.readAllLines(dir.resolve("classes.txt"));
        assertTrue(loaded.stream().anyMatch(line -> line.contains("dev.toolgate.agent.gate.ToolGate ")), "no log");
        assertEquals(
                List.of(),
                loaded.stream()
                        .filter(line -> line.contains("dev.toolgate.shaded.otel")
                                || line.contains("dev.toolgate.shaded.prometheus")
                                || line.contains("dev.toolgate.agent.telemetry.Telemetry "))
                        .toList());
    }

    private static ForkedJvm otelExportingTo(ForkedJvm jvm, OtlpCollector collector) {
        return jvm.jvmOption("-Dotel.service.name=traced-app")
                .jvmOption("-Dotel.traces.exporter=otlp")
                .jvmOption("-Dotel.exporter.otlp.protocol=http/protobuf")
                .jvmOption("-Dotel.exporter.otlp.traces.endpoint=" + collector.endpoint() + "/v1/traces")
                .jvmOption("-Dotel.metrics.exporter=none")
                .jvmOption("-Dotel.logs.exporter=none")
                .jvmOption("-Dotel.bsp.schedule.delay=100");
    }

    static Path otelAgentJar() {
        Path jar =
                Path.of(System.getProperty("toolgate.otel.agent.jar", "target/otel-agent/opentelemetry-javaagent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the OpenTelemetry Java agent is not at " + jar.toAbsolutePath()
                    + "; the e2e build copies it there (mvn -pl e2e verify)");
        }
        return jar.toAbsolutePath();
    }

    private static List<Span> guardrailSpans(OtlpCollector collector) {
        return collector.spans().stream()
                .filter(span -> span.getName().equals("apply_guardrail Toolgate"))
                .toList();
    }

    private static List<LogRecord> toolgateLogs(OtlpCollector collector) {
        return collector.logs().stream()
                .filter(log -> log.getEventName().startsWith("toolgate."))
                .toList();
    }

    private static Span spanFor(List<Span> spans, String tool) {
        return spans.stream()
                .filter(span -> tool.equals(attribute(span.getAttributesList(), "gen_ai.tool.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no guardrail span for " + tool + " in " + spans));
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(kv -> kv.getValue().getStringValue())
                .findFirst()
                .orElse(null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
