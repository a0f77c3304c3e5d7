package dev.toolgate.agent.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.RiskLevel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller CALLER = new Caller("infra-bot", "infrastructure_agent", "s-1");

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    /** Per alert received: whether its Standard Webhooks signature verified, computed here independently. */
    private final List<Boolean> signed = new CopyOnWriteArrayList<>();

    private final java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** A key in the whsec_ convention: the base64 of 24 bytes. */
    private static final String SECRET = "whsec_"
            + java.util.Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24
            });

    private volatile int status = 200;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    private URI startWebhook() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(JSON.readTree(body));
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            signed.add(id != null
                    && ids.add(id)
                    && signature != null
                    && signature.equals("v1," + hmac(id, timestamp, body)));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private static AuditEvent decision(String tool, RiskLevel risk, boolean allowed) {
        ToolDescriptor descriptor =
                new ToolDescriptor(0, tool, "demo.Tools", tool, List.of("target"), risk, ToolSource.AGENT_TOOL);
        Decision decision = allowed
                ? Decision.allow(risk, "allowed by policy", "roles.infrastructure_agent.allowed_tools")
                : Decision.deny(
                        risk, "tool '" + tool + "' is in denied_tools", "roles.infrastructure_agent.denied_tools");
        return AuditEvent.decision(CALLER, descriptor, new Object[] {"production"}, decision, Mode.ENFORCE);
    }

    private AuditPipeline pipelineWithAlerts(URI webhook) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AlertSettings settings = AlertSettings.read(key -> Optional.ofNullable(Map.of(
                                AlertSettings.WEBHOOK_URL,
                                webhook.toString(),
                                AlertSettings.TIMEOUT,
                                "1s",
                                AlertSettings.SECRET,
                                SECRET)
                        .get(key)))
                .orElseThrow();
        AuditPipeline log = AuditPipeline.open(AuditSettings.defaults(file).withoutJmx(), null, null, Mode.ENFORCE);
        log.addListener(
                new AlertDispatcher(settings.channel(), settings.risks(), log::append, log.stats(), Mode.ENFORCE));
        return log;
    }

    @Test
    void deleteAndExternalDecisionsAreAlertedOthersAreNot() throws Exception {
        AuditPipeline log = pipelineWithAlerts(startWebhook());
        log.append(decision("kubectl_get", RiskLevel.READ, true));
        log.append(decision("kubectl_apply", RiskLevel.MODIFY, true));
        log.append(decision("kubectl_delete", RiskLevel.DELETE, false));
        log.append(decision("send_email", RiskLevel.EXTERNAL, true));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        log.close();
        JsonNode first = received.get(0);
        assertEquals(
                "Toolgate: deny delete tool 'kubectl_delete' for role 'infrastructure_agent' (agent infra-bot,"
                        + " session s-1, seq 4): tool 'kubectl_delete' is in denied_tools",
                first.get("text").asText());
        assertEquals("kubectl_delete", first.get("event").get("tool").asText());
        assertEquals(4, first.get("event").get("seq").asLong());
        assertEquals("send_email", received.get(1).get("event").get("tool").asText());
        assertEquals(2, log.stats().getAlertsSent());
        assertEquals(List.of(true, true), signed, "each alert is signed, under an id of its own");
    }

    private static String hmac(String id, String timestamp, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Arguments named like the line's own members, which the line renders before its seq. */
    private static AuditEvent withArguments(String tool, RiskLevel risk, boolean allowed, Object seq) {
        Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("seq", seq);
        nested.put("event_type", "error");
        Map<String, Object> arguments = new java.util.LinkedHashMap<>();
        arguments.put("seq", seq);
        arguments.put("timestamp", "1999-12-31T23:59:59.000000Z");
        arguments.put("hash", "0".repeat(64));
        arguments.put("prev_hash", 5);
        arguments.put("event_type", "tool_result");
        arguments.put("nested", nested);
        AuditEvent plain = decision(tool, risk, allowed);
        return AuditEvent.decision(CALLER, plain.tool(), new Object[] {arguments}, plain.decision(), Mode.ENFORCE);
    }

    @Test
    void argumentsNamedSeqNeitherStopAlertsNorChangeTheirSeq() throws Exception {
        AuditPipeline log = pipelineWithAlerts(startWebhook());
        log.append(withArguments("kubectl_get", RiskLevel.READ, true, "not a number"));
        log.append(withArguments("kubectl_delete", RiskLevel.DELETE, false, "x"));
        log.append(withArguments("kubectl_delete", RiskLevel.DELETE, false, 999_999));
        log.append(withArguments("kubectl_get", RiskLevel.READ, true, "x"));
        log.append(withArguments("send_email", RiskLevel.EXTERNAL, true, 1));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        log.close();
        assertEquals(
                List.of(3L, 4L, 6L),
                received.stream()
                        .map(alert -> alert.get("event").get("seq").asLong())
                        .toList(),
                "file_start is seq 1");
        for (int i = 0; i < 3; i++) {
            long seq = received.get(i).get("event").get("seq").asLong();
            assertTrue(
                    received.get(i).get("text").asText().contains(", seq " + seq + "): "),
                    received.get(i).get("text").asText());
        }
        assertEquals("kubectl_delete", received.get(0).get("event").get("tool").asText());
        assertEquals(
                "x", received.get(0).get("event").get("params").findValue("seq").asText());
        assertEquals(3, log.stats().getAlertsSent());
        assertEquals(0, log.stats().getAlertsFailed());
    }

    @Test
    void aFailingWebhookIsAuditedAndNeverHoldsUpTheCaller() throws Exception {
        URI webhook = startWebhook();
        status = 500;
        AuditPipeline log = pipelineWithAlerts(webhook);
        log.append(decision("kubectl_delete", RiskLevel.DELETE, false));
        Path file = dir.resolve("audit.jsonl");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Files.readString(file).contains("\"event_type\":\"alert_failed\""));
        log.close();
        JsonNode failure = Files.readAllLines(file).stream()
                .map(AlertDispatcherTest::parse)
                .filter(event -> "alert_failed".equals(event.get("event_type").asText()))
                .findFirst()
                .orElseThrow();
        assertTrue(failure.get("alert_error").asText().contains("HTTP 500"), failure.toString());
        assertEquals(2, failure.get("alerted_seq").asLong());
        assertTrue(failure.get("alert_channel").asText().startsWith("webhook http://127.0.0.1:"));
        assertEquals(1, log.stats().getAlertsFailed());
    }

    @Test
    void aHangingWebhookDoesNotSlowTheCalls() throws Exception {
        URI webhook = startWebhook();
        hang = true;
        AuditPipeline log = pipelineWithAlerts(webhook);
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertTrue(log.append(decision("kubectl_delete", RiskLevel.DELETE, false)));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 1_000, "200 high-risk calls took " + millis + " ms with a hanging webhook");
        Path file = dir.resolve("audit.jsonl");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Files.readString(file).contains("java.net.SocketTimeoutException"));
        release.countDown();
        log.close();
    }

    @Test
    void settingsNeedAnHttpUrlAndKnownRisks() {
        Exception notHttp = org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class,
                () -> AlertSettings.read(key -> Optional.ofNullable(
                        Map.of(AlertSettings.WEBHOOK_URL, "ftp://x/y").get(key))));
        assertTrue(notHttp.getMessage().contains("alert.webhook.url"), notHttp.getMessage());
        Exception badRisk = org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class,
                () -> AlertSettings.read(key -> Optional.ofNullable(
                        Map.of(AlertSettings.WEBHOOK_URL, "https://x/y", AlertSettings.RISKS, "delete;catastrophic")
                                .get(key))));
        assertTrue(badRisk.getMessage().contains("'catastrophic' is not a risk class"), badRisk.getMessage());
    }

    @Test
    void plainHttpToAnotherHostIsRefusedUnlessAllowed() throws Exception {
        Exception clear = org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class,
                () -> AlertSettings.read(
                        key -> Optional.ofNullable(Map.of(AlertSettings.WEBHOOK_URL, "http://hooks.example/t")
                                .get(key))));
        assertTrue(clear.getMessage().contains("plain http:// to another host"), clear.getMessage());
        assertTrue(clear.getMessage().contains(AlertSettings.ALLOW_HTTP + "=true"), clear.getMessage());
        assertTrue(AlertSettings.read(key -> Optional.ofNullable(
                        Map.of(AlertSettings.WEBHOOK_URL, "http://hooks.example/t", AlertSettings.ALLOW_HTTP, "true")
                                .get(key)))
                .isPresent());
        assertTrue(AlertSettings.read(
                        key -> Optional.ofNullable(Map.of(AlertSettings.WEBHOOK_URL, "http://localhost:9/t")
                                .get(key)))
                .isPresent());
        Exception badSecret = org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class,
                () -> AlertSettings.read(key -> Optional.ofNullable(
                        Map.of(AlertSettings.WEBHOOK_URL, "https://x/y", AlertSettings.SECRET, "whsec_***")
                                .get(key))));
        assertTrue(badSecret.getMessage().contains("alert.webhook.secret"), badSecret.getMessage());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
