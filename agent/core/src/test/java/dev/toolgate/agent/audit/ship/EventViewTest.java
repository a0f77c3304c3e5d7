package dev.toolgate.agent.audit.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.audit.chain.AuditLines;
import dev.toolgate.agent.audit.chain.EventHash;
import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ServerSocketFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCSF and CloudEvents views shipped to a collector: fields from the event's values, the audit line embedded whole
 * so that every embedded event still has its hash and the chain links, and the file itself unchanged.
 */
class EventViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolDescriptor TOOL = new ToolDescriptor(
            0, "kubectl_delete", "demo.Kube", "delete", List.of("name"), RiskLevel.DELETE, ToolSource.AGENT_TOOL);

    @TempDir
    Path dir;

    private List<JsonNode> ship(String format, Mode mode) throws Exception {
        try (TestCollector collector = new TestCollector(ServerSocketFactory.getDefault(), false)) {
            Path file = dir.resolve("audit.jsonl");
            ShipSettings ship = ShipSettings.read(
                            file,
                            key -> Optional.ofNullable(Map.of(
                                            ShipSettings.URL,
                                            "tcp://127.0.0.1:" + collector.port() + "?format=" + format)
                                    .get(key)))
                    .orElseThrow();
            AuditPipeline log =
                    AuditPipeline.open(AuditSettings.defaults(file).withoutJmx().withShip(ship), "p.yaml", "abc", mode);
            log.addListener(Shipper.start(ship, log.stats(), log::append));
            Caller caller = new Caller("ops-bot", "infrastructure_agent", "s-42");
            log.append(AuditEvent.decision(
                    caller,
                    TOOL,
                    new Object[] {"pod-1"},
                    Decision.deny(RiskLevel.DELETE, "denied by policy", "roles.infrastructure_agent.denied_tools"),
                    mode));
            log.append(AuditEvent.decision(
                    caller,
                    TOOL,
                    new Object[] {"token=ghp_abcdefghijklmnopqrstuvwxyz0123456789"},
                    Decision.allow(RiskLevel.DELETE, "ok", "roles.infrastructure_agent.allowed_tools"),
                    mode));
            log.append(AuditEvent.outcome(
                    caller,
                    TOOL,
                    Decision.allow(RiskLevel.DELETE, "ok", "roles.infrastructure_agent.allowed_tools"),
                    mode,
                    "deleted",
                    null,
                    2_500_000));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> collector.messages().size() >= 4);
            log.close();
            List<JsonNode> received = new ArrayList<>();
            for (String message : collector.messages()) {
                received.add(JSON.readTree(message));
            }
            // The file is the canonical chain whatever the collector gets.
            List<String> lines = Files.readAllLines(file);
            assertEquals(4, lines.size());
            for (String line : lines) {
                assertTrue(line.startsWith("{\"agent_id\":"), line);
            }
            return received;
        }
    }

    /** Each embedded event checks out on its own hash and links to the one before: the chain, at the collector. */
    private static void chainHolds(List<JsonNode> embedded) throws Exception {
        String prev = "0".repeat(64);
        EventHash hash = new EventHash();
        for (JsonNode event : embedded) {
            byte[] bytes = JSON.writeValueAsBytes(event);
            assertTrue(AuditLines.hashMatches(bytes, event, event.get("hash").asText(), hash), event.toString());
            assertEquals(prev, event.get("prev_hash").asText());
            prev = event.get("hash").asText();
        }
    }

    @Test
    void ocsfNamesTheClassTheDecisionAndTheToolAndCarriesTheLine() throws Exception {
        List<JsonNode> received = ship("ocsf", Mode.ENFORCE);
        List<JsonNode> embedded =
                received.stream().map(e -> e.get("unmapped").get("toolgate")).toList();
        chainHolds(embedded);
        for (JsonNode event : received) {
            assertEquals(6, event.get("category_uid").asInt());
            assertEquals(6009, event.get("class_uid").asInt());
            assertEquals("AI Agent Activity", event.get("class_name").asText());
            assertEquals(
                    event.get("class_uid").asInt() * 100
                            + event.get("activity_id").asInt(),
                    event.get("type_uid").asInt());
            JsonNode line = event.get("unmapped").get("toolgate");
            assertEquals(
                    line.get("seq").asLong(),
                    event.get("metadata").get("sequence").asLong());
            assertEquals(
                    line.get("hash").asText(), event.get("metadata").get("uid").asText());
            assertEquals(
                    line.get("event_type").asText(),
                    event.get("metadata").get("event_code").asText());
            assertEquals(
                    "Toolgate", event.get("metadata").get("product").get("name").asText());
        }
        JsonNode fileStart = received.get(0);
        assertEquals(99, fileStart.get("activity_id").asInt());
        assertFalse(fileStart.has("actor"));

        JsonNode denied = received.get(1);
        assertEquals(7, denied.get("activity_id").asInt());
        assertEquals("Tool Use", denied.get("activity_name").asText());
        assertEquals(2, denied.get("action_id").asInt());
        assertEquals(2, denied.get("disposition_id").asInt());
        assertEquals(2, denied.get("status_id").asInt());
        assertEquals(3, denied.get("severity_id").asInt());
        assertEquals(
                "roles.infrastructure_agent.denied_tools",
                denied.get("policy").get("name").asText());
        assertEquals(
                "kubectl_delete",
                denied.get("ai_agent_tool_use_info").get("name").asText());
        assertTrue(denied.get("ai_agent_tool_use_info").get("is_pre_occurrence").asBoolean());
        assertEquals("ops-bot", denied.get("actor").get("ai_agent").get("uid").asText());
        assertEquals("s-42", denied.get("actor").get("session").get("uid").asText());
        assertEquals(
                "infrastructure_agent",
                denied.get("actor").get("user").get("name").asText());
        assertTrue(denied.get("message").asText().contains("deny delete tool 'kubectl_delete': denied by policy"));
        assertEquals(
                java.time.Instant.parse(
                                denied.get("metadata").get("original_time").asText())
                        .toEpochMilli(),
                denied.get("time").asLong());

        JsonNode allowed = received.get(2);
        assertEquals(1, allowed.get("action_id").asInt());
        assertFalse(allowed.toString().contains("ghp_abcdefghijklmnopqrstuvwxyz0123456789"), "redacted as in the line");

        JsonNode result = received.get(3);
        assertEquals(7, result.get("activity_id").asInt());
        assertFalse(
                result.get("ai_agent_tool_use_info").get("is_pre_occurrence").asBoolean());
        assertEquals(2, result.get("duration").asLong());
        assertEquals(
                "deleted", result.get("unmapped").get("toolgate").get("result").asText());
    }

    @Test
    void ocsfInMonitorModeSaysTheDeniedCallWasNotBlocked() throws Exception {
        JsonNode denied = ship("ocsf", Mode.MONITOR).get(1);
        assertEquals(1, denied.get("action_id").asInt());
        assertEquals(99, denied.get("disposition_id").asInt());
        assertEquals(
                "Would be blocked (monitor mode)", denied.get("disposition").asText());
    }

    @Test
    void cloudEventsAreStructuredModeWithTheEventAsData() throws Exception {
        List<JsonNode> received = ship("cloudevents", Mode.ENFORCE);
        chainHolds(received.stream().map(e -> e.get("data")).toList());
        for (JsonNode event : received) {
            JsonNode data = event.get("data");
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals(data.get("hash").asText(), event.get("id").asText());
            assertEquals("urn:toolgate:", event.get("source").asText().substring(0, 13));
            assertTrue(event.get("source").asText().endsWith(":" + dir.resolve("audit.jsonl")), event.toString());
            assertEquals(
                    "dev.toolgate.audit." + data.get("event_type").asText(),
                    event.get("type").asText());
            assertEquals(data.get("timestamp").asText(), event.get("time").asText());
            assertEquals("application/json", event.get("datacontenttype").asText());
            assertEquals(data.get("seq").asLong(), event.get("toolgateseq").asLong());
            assertEquals(data.get("hash").asText(), event.get("toolgatehash").asText());
        }
        assertFalse(received.get(0).has("subject"));
        assertEquals("kubectl_delete", received.get(1).get("subject").asText());
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheChoices() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ShipSettings.read(
                        dir.resolve("audit.jsonl"),
                        key -> Optional.ofNullable(Map.of(ShipSettings.URL, "syslog://127.0.0.1:514?format=cef")
                                .get(key))));
        assertTrue(e.getMessage().contains("?format=ocsf or ?format=cloudevents"), e.getMessage());
    }
}
