package dev.toolgate.agent.telemetry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RolePolicy;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry against real endpoints: the Prometheus endpoint scraped over HTTP, the MBean read from the platform
 * MBean server, and an OTLP/HTTP receiver that decodes what the exporters send.
 */
class TelemetryTest {

    private static final Policy POLICY = Policy.ofRoles(
            Path.of("agents.yaml"),
            Map.of("bot", new RolePolicy(List.of("post"), List.of("rm"), null, null, null, null)));

    @TempDir
    Path dir;

    @Test
    void decisionsAreCountedWithPolicyLabelsAndServedToPrometheusJmxAndOtlp() throws Exception {
        int port = freePort();
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            AuditPipeline audit = openAudit();
            Telemetry telemetry = start(
                    audit,
                    Map.of(
                            "metrics.prometheus.port", String.valueOf(port),
                            "otlp.endpoint", receiver.endpoint(),
                            "otlp.metrics.interval", "200ms"));
            try {
                Gate pipeline = new Gate(telemetry);
                decideAndAudit(pipeline, audit, "bot", "post");
                decideAndAudit(pipeline, audit, "bot", "post");
                decideAndAudit(pipeline, audit, "bot", "rm");
                // Names the policy does not know never become labels.
                decideAndAudit(pipeline, audit, "made-up-role-1", "post");
                decideAndAudit(pipeline, audit, "bot", "made_up_tool_1");

                String scrape = get("http://127.0.0.1:" + port + "/metrics");
                assertTrue(
                        scrape.contains("toolgate_decisions_total{outcome=\"allow\",risk=\"external\",role=\"bot\","
                                + "step=\"permission\",tool=\"post\"} 2"),
                        scrape);
                assertTrue(
                        scrape.contains("toolgate_decisions_total{outcome=\"deny\",risk=\"external\",role=\"bot\","
                                + "step=\"permission\",tool=\"rm\"} 1"),
                        scrape);
                assertTrue(scrape.contains("role=\"other\",step=\"permission\",tool=\"post\"} 1"), scrape);
                assertTrue(scrape.contains("role=\"bot\",step=\"permission\",tool=\"other\"} 1"), scrape);
                assertFalse(scrape.contains("made-up"), scrape);
                assertTrue(scrape.contains("toolgate_gate_duration_seconds_count 5"), scrape);
                assertTrue(scrape.contains("toolgate_approvals_pending 0"), scrape);

                ObjectName name = new ObjectName("dev.toolgate:type=Decisions");
                assertEquals(2L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "DecisionsAllowed"));
                assertEquals(3L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "DecisionsDenied"));
                TabularData table =
                        (TabularData) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Decisions");
                assertEquals(4, table.size());

                await().atMost(Duration.ofSeconds(10)).until(() -> counted(receiver.metrics(), "bot", "post") == 2);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> decisionLogs(receiver).size() == 5);
                List<String> lines = decisionLines();
                List<LogRecord> logs = decisionLogs(receiver);
                for (int i = 0; i < logs.size(); i++) {
                    // The body is the audit line as written, hash included: the chain can be checked there.
                    assertEquals(lines.get(i), logs.get(i).getBody().getStringValue());
                    assertEquals("toolgate.decision", logs.get(i).getEventName());
                }
                assertEquals("deny", attribute(logs.get(2), "toolgate.decision"));
                assertEquals("rm", attribute(logs.get(2), "gen_ai.tool.name"));
            } finally {
                telemetry.close();
                audit.close();
            }
        }
    }

    @Test
    void anOtlpReceiverThatIsDownBlocksNothingLosesNothingOnDiskAndCountsAndAuditsWhatItDrops() throws Exception {
        int deadPort = freePort();
        AuditPipeline audit = openAudit();
        Telemetry telemetry = start(
                audit,
                Map.of(
                        "metrics.enabled", "true",
                        "otlp.endpoint", "http://127.0.0.1:" + deadPort,
                        "otlp.metrics.interval", "0",
                        "otlp.timeout", "200ms",
                        "otlp.queue", "8"));
        try {
            Gate pipeline = new Gate(telemetry);
            long slowest = 0;
            for (int i = 0; i < 200; i++) {
                long start = System.nanoTime();
                decideAndAudit(pipeline, audit, "bot", "post");
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            assertTrue(slowest < Duration.ofMillis(100).toNanos(), "a call waited " + slowest / 1_000_000 + " ms");
            await().atMost(Duration.ofSeconds(10)).until(() -> decisionLines().size() == 200);

            ObjectName name = new ObjectName("dev.toolgate:type=Decisions");
            await().atMost(Duration.ofSeconds(10)).until(() -> gapLines().size() >= 1);
            long dropped = (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "OtlpLogsDropped");
            // The queue holds 8, the batch being retried at most as many: everything else was dropped.
            assertTrue(dropped >= 200 - 16, "dropped " + dropped);
            String gap = gapLines().get(0);
            assertTrue(gap.contains("\"collector\":\"http://127.0.0.1:" + deadPort + "/v1/logs\""), gap);

            // The receiver comes back: what was kept is delivered, the audit_gap event among it.
            try (OtlpReceiver receiver = new OtlpReceiver(deadPort)) {
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> receiver.logs().stream()
                                .anyMatch(log -> log.getEventName().equals("toolgate.audit_gap")));
                assertTrue(decisionLogs(receiver).size() <= 16, "more delivered than the backlog holds");
                assertFalse(decisionLogs(receiver).isEmpty());
            }
        } finally {
            telemetry.close();
            audit.close();
        }
    }

    /** Decides as the gate does and tells the recorder, as the gate does. */
    private record Gate(CallPipeline pipeline, DecisionRecorder recorder) {
        Gate(Telemetry telemetry) {
            this(CallPipeline.forPolicy(POLICY).build(), telemetry.recorderFor(POLICY));
        }
    }

    private void decideAndAudit(Gate gate, AuditPipeline audit, String role, String tool) {
        ToolDescriptor descriptor = new ToolDescriptor(
                0, tool, "demo.Tools", tool, List.of("q"), RiskLevel.EXTERNAL, ToolSource.AGENT_TOOL);
        Caller caller = new Caller("agent-1", role, "s-1");
        long start = System.nanoTime();
        Decision decision = gate.pipeline().decide(new ToolCall(descriptor, caller, new Object[] {"x"}));
        gate.recorder().decided(caller, descriptor, decision, start, System.nanoTime());
        assertTrue(audit.append(AuditEvent.decision(caller, descriptor, new Object[] {"x"}, decision, Mode.ENFORCE)));
    }

    private AuditPipeline openAudit() throws IOException {
        return AuditPipeline.open(
                AuditSettings.defaults(dir.resolve("audit.jsonl")).withoutJmx(), "agents.yaml", "abc", Mode.ENFORCE);
    }

    private static Telemetry start(AuditPipeline audit, Map<String, String> values) throws Exception {
        Map<String, String> all = new HashMap<>(values);
        TelemetrySettings settings = TelemetrySettings.read(key -> Optional.ofNullable(all.get(key)));
        return Telemetry.start(settings, audit, audit::append, Mode.ENFORCE);
    }

    private List<String> decisionLines() throws IOException {
        return Files.readAllLines(dir.resolve("audit.jsonl")).stream()
                .filter(line -> line.contains("\"event_type\":\"decision\""))
                .toList();
    }

    private List<String> gapLines() throws IOException {
        return Files.readAllLines(dir.resolve("audit.jsonl")).stream()
                .filter(line -> line.contains("\"event_type\":\"audit_gap\"") && line.contains("otlp_dropped"))
                .toList();
    }

    private static List<LogRecord> decisionLogs(OtlpReceiver receiver) {
        return receiver.logs().stream()
                .filter(log -> log.getEventName().equals("toolgate.decision"))
                .toList();
    }

    private static String attribute(LogRecord log, String key) {
        return log.getAttributesList().stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(kv -> kv.getValue().getStringValue())
                .findFirst()
                .orElse(null);
    }

    /** The latest exported count of decisions of {@code role} and {@code tool}. */
    private static long counted(List<Metric> metrics, String role, String tool) {
        long latest = -1;
        for (Metric metric : metrics) {
            if (!metric.getName().equals("toolgate.decisions")) {
                continue;
            }
            for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                if (has(point.getAttributesList(), "role", role) && has(point.getAttributesList(), "tool", tool)) {
                    latest = point.getAsInt();
                }
            }
        }
        return latest;
    }

    private static boolean has(List<KeyValue> attributes, String key, String value) {
        return attributes.stream()
                .anyMatch(kv -> kv.getKey().equals(key)
                        && kv.getValue().getStringValue().equals(value));
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
