package dev.toolgate.agent.audit.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShipperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolDescriptor TOOL = new ToolDescriptor(
            0, "kubectl_delete", "demo.Kube", "delete", List.of("name"), RiskLevel.DELETE, ToolSource.AGENT_TOOL);
    private static final Pattern SYSLOG = Pattern.compile(
            "<(\\d+)>1 (\\S+) (\\S+) toolgate (\\d+) (\\S+) \\[toolgate@32473 seq=\"(\\d+)\"( resent=\"1\")?] (\\{.*})");

    @TempDir
    Path dir;

    private AuditPipeline pipeline(String url, Map<String, String> extra) throws Exception {
        Map<String, String> values = new HashMap<>(extra);
        values.put(ShipSettings.URL, url);
        Path file = dir.resolve("audit.jsonl");
        ShipSettings ship = ShipSettings.read(file, key -> Optional.ofNullable(values.get(key)))
                .orElseThrow();
        AuditPipeline log = AuditPipeline.open(
                AuditSettings.defaults(file).withoutJmx().withShip(ship), "p.yaml", "abc", Mode.ENFORCE);
        log.addListener(Shipper.start(ship, log.stats(), log::append));
        return log;
    }

    private static AuditEvent event(int i) {
        Decision decision = i % 3 == 0
                ? Decision.deny(RiskLevel.DELETE, "no", "roles.r.denied_tools")
                : Decision.allow(RiskLevel.DELETE, "ok", "roles.r.allowed_tools");
        return AuditEvent.decision(new Caller("a", "r", "s"), TOOL, new Object[] {"pod-" + i}, decision, Mode.ENFORCE);
    }

    /** seq → the first copy received; fails on a gap, a reordering, or a duplicate that differs. */
    private static Map<Long, JsonNode> inOrderWithoutLoss(List<JsonNode> received, long expectedEvents) {
        Map<Long, JsonNode> bySeq = new LinkedHashMap<>();
        long highest = 0;
        for (JsonNode event : received) {
            long seq = event.get("seq").asLong();
            JsonNode first = bySeq.putIfAbsent(seq, event);
            if (first == null) {
                assertEquals(highest + 1, seq, "first copies arrive in order without gaps");
                highest = seq;
            } else {
                assertEquals(first.get("hash").asText(), event.get("hash").asText(), "a duplicate is the same event");
            }
        }
        assertEquals(expectedEvents, bySeq.size());
        return bySeq;
    }

    @Test
    void jsonLinesSurviveACollectorOutageInOrderAndWithoutLoss() throws Exception {
        try (TestCollector collector = new TestCollector(ServerSocketFactory.getDefault(), false)) {
            AuditPipeline log =
                    pipeline("tcp://127.0.0.1:" + collector.port(), Map.of(ShipSettings.BACKOFF_MAX, "200ms"));
            for (int i = 0; i < 2_000; i++) {
                log.append(event(i));
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> collector.messages().size() >= 2_001);
            collector.stop();
            for (int i = 2_000; i < 6_000; i++) {
                log.append(event(i));
                if (i % 500 == 0) {
                    Thread.sleep(50);
                }
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !log.stats().isCollectorConnected());
            assertTrue(log.stats().getSpoolBytes() > 0, "events wait in the spool");
            collector.start();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> collector.messages().stream()
                                    .map(ShipperTest::parse)
                                    .mapToLong(e -> e.get("seq").asLong())
                                    .max()
                                    .orElse(0)
                            == 6_001);
            log.close();
            List<JsonNode> received =
                    collector.messages().stream().map(ShipperTest::parse).toList();
            inOrderWithoutLoss(received, 6_001);
            assertTrue(collector.accepted() >= 2, "reconnected");
        }
    }

    @Test
    void syslogMessagesAreOctetCountedRfc5424WithSeqAndResentMarks() throws Exception {
        try (TestCollector collector = new TestCollector(ServerSocketFactory.getDefault(), true)) {
            AuditPipeline log =
                    pipeline("syslog://127.0.0.1:" + collector.port(), Map.of(ShipSettings.BACKOFF_MAX, "200ms"));
            for (int i = 0; i < 300; i++) {
                log.append(event(i));
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> collector.messages().size() >= 301);
            collector.stop();
            collector.start();
            log.append(event(300));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> collector.messages().stream()
                            .anyMatch(message -> message.contains("\"params\":{\"name\":\"pod-300\"}")));
            log.close();

            List<JsonNode> events = new java.util.ArrayList<>();
            boolean sawResent = false;
            Map<Long, Integer> copies = new HashMap<>();
            for (String message : collector.messages()) {
                Matcher matcher = SYSLOG.matcher(message);
                assertTrue(matcher.matches(), message);
                JsonNode event = parse(matcher.group(8));
                events.add(event);
                assertEquals(matcher.group(6), event.get("seq").asText(), "the seq in the structured data");
                assertEquals(matcher.group(5), event.get("event_type").asText(), "MSGID is the event type");
                assertEquals(matcher.group(2), event.get("timestamp").asText());
                int expectedPri = 13 * 8 + ("deny".equals(event.path("decision").asText()) ? 4 : 6);
                assertEquals(expectedPri, Integer.parseInt(matcher.group(1)), message);
                int copy = copies.merge(event.get("seq").asLong(), 1, Integer::sum);
                if (copy > 1) {
                    assertTrue(matcher.group(7) != null, "a second copy is marked resent: " + message);
                    sawResent = true;
                }
            }
            inOrderWithoutLoss(events, 302);
            assertTrue(sawResent || copies.values().stream().allMatch(n -> n == 1));
        }
    }

    /** Arguments named like the line's own members, strings and numbers, nested too. */
    private static AuditEvent hostile(int i) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("seq", i % 2 == 0 ? "nested" : 77);
        nested.put("timestamp", i % 2 == 0 ? "2001-01-01T00:00:00.000000Z" : 0);
        nested.put("event_type", "error");
        Map<String, Object> argument = new LinkedHashMap<>();
        argument.put("decision", "deny");
        argument.put("event_type", i % 2 == 0 ? "error" : 5);
        argument.put("hash", "0".repeat(64));
        argument.put("prev_hash", i % 2 == 0 ? "0".repeat(64) : 9);
        argument.put("seq", i % 2 == 0 ? "1' OR 1=1" : 999_999);
        argument.put("timestamp", i % 2 == 0 ? "1999-12-31T23:59:59.000000Z" : 946_684_799);
        argument.put("nested", nested);
        Decision decision = i % 3 == 0
                ? Decision.deny(RiskLevel.DELETE, "no", "roles.r.denied_tools")
                : Decision.allow(RiskLevel.DELETE, "ok", "roles.r.allowed_tools");
        return AuditEvent.decision(new Caller("a", "r", "s"), TOOL, new Object[] {argument}, decision, Mode.ENFORCE);
    }

    @Test
    void syslogHeadersCarryTheEventsSeqTimeAndTypeWhateverItsArgumentsAreNamed() throws Exception {
        try (TestCollector collector = new TestCollector(ServerSocketFactory.getDefault(), true)) {
            AuditPipeline log = pipeline("syslog://127.0.0.1:" + collector.port(), Map.of());
            for (int i = 0; i < 200; i++) {
                log.append(hostile(i));
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> collector.messages().size() >= 201);
            log.close();
            List<JsonNode> events = new java.util.ArrayList<>();
            for (String message : collector.messages()) {
                Matcher matcher = SYSLOG.matcher(message);
                assertTrue(matcher.matches(), message);
                JsonNode event = parse(matcher.group(8));
                events.add(event);
                assertEquals(event.get("seq").asText(), matcher.group(6), message);
                assertEquals(event.get("timestamp").asText(), matcher.group(2), message);
                assertEquals(event.get("event_type").asText(), matcher.group(5), message);
                int expectedPri = 13 * 8 + ("deny".equals(event.path("decision").asText()) ? 4 : 6);
                assertEquals(expectedPri, Integer.parseInt(matcher.group(1)), message);
            }
            Map<Long, JsonNode> bySeq = inOrderWithoutLoss(events, 201);
            assertEquals(999_999, bySeq.get(3L).get("params").findValue("seq").asLong(), "the argument is shipped");
            assertTrue(events.stream()
                    .skip(1)
                    .allMatch(e -> !e.get("timestamp").asText().startsWith("1999")));
        }
    }

    @Test
    void aSpoolOfBareLinesFromAnEarlierVersionIsShippedWithEachLinesOwnValues() throws Exception {
        Path spool = dir.resolve("old-spool");
        Path earlier = dir.resolve("earlier.jsonl");
        AuditPipeline before =
                AuditPipeline.open(AuditSettings.defaults(earlier).withoutJmx(), null, null, Mode.ENFORCE);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> argument = new LinkedHashMap<>();
            argument.put("seq", i % 2 == 0 ? "1000" : 1000);
            argument.put("timestamp", "1999-12-31T23:59:59.000000Z");
            argument.put("event_type", "error");
            before.append(AuditEvent.decision(
                    new Caller("a", "r", "s"),
                    TOOL,
                    new Object[] {argument},
                    Decision.deny(RiskLevel.DELETE, "no", "roles.r.denied_tools"),
                    Mode.ENFORCE));
        }
        before.close();
        List<String> bareLines = Files.readAllLines(earlier);
        assertEquals(6, bareLines.size(), "file_start and five decisions");
        assertEquals(
                "[1000, 3]",
                parse(bareLines.get(2)).findValues("seq").toString(),
                "the argument's seq comes first in the line");
        Files.createDirectories(spool);
        Files.writeString(spool.resolve(String.format("%020d", 0) + ".spool"), String.join("\n", bareLines) + "\n");

        try (TestCollector collector = new TestCollector(ServerSocketFactory.getDefault(), true)) {
            AuditPipeline log = pipeline(
                    "syslog://127.0.0.1:" + collector.port(), Map.of(ShipSettings.SPOOL_DIR, spool.toString()));
            log.append(event(1));
            int expected = bareLines.size() + 2; // the new file's file_start and event
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> collector.messages().size() >= expected);
            log.close();
            List<String> messages = collector.messages();
            for (int i = 0; i < bareLines.size(); i++) {
                JsonNode written = parse(bareLines.get(i));
                Matcher matcher = SYSLOG.matcher(messages.get(i));
                assertTrue(matcher.matches(), messages.get(i));
                assertEquals(bareLines.get(i), matcher.group(8), "the line as it was");
                assertEquals(Long.toString(written.get("seq").asLong()), matcher.group(6));
                assertEquals(written.get("timestamp").asText(), matcher.group(2));
                assertEquals(i == 0 ? "file_start" : "decision", matcher.group(5));
                assertEquals(written.get("event_type").asText(), matcher.group(5));
                assertEquals(13 * 8 + (i == 0 ? 6 : 4), Integer.parseInt(matcher.group(1)), "denials are warnings");
                assertTrue(matcher.group(7) != null, "what an earlier run spooled may have been sent: " + i);
            }
            Matcher fileStart = SYSLOG.matcher(messages.get(bareLines.size()));
            assertTrue(fileStart.matches());
            assertEquals("file_start", fileStart.group(5));
            assertEquals("1", fileStart.group(6));
        }
    }

    @Test
    void tlsWithATrustStoreAndHostNameCheck() throws Exception {
        Path keystore = dir.resolve("collector.p12");
        Path truststore = dir.resolve("trust.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "collector",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-storetype",
                "PKCS12");
        Path cert = dir.resolve("collector.crt");
        keytool(
                "-exportcert",
                "-alias",
                "collector",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                cert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "collector",
                "-file",
                cert.toString(),
                "-keystore",
                truststore.toString(),
                "-storepass",
                "changeit",
                "-storetype",
                "PKCS12");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);

        try (TestCollector collector = new TestCollector(context.getServerSocketFactory(), true)) {
            AuditPipeline log = pipeline(
                    "syslog+tls://localhost:" + collector.port(),
                    Map.of(
                            ShipSettings.TRUSTSTORE,
                            truststore.toString(),
                            ShipSettings.TRUSTSTORE_PASSWORD,
                            "changeit"));
            for (int i = 0; i < 50; i++) {
                log.append(event(i));
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> collector.messages().size() >= 51);
            log.close();
            assertTrue(collector.messages().get(1).contains("\"params\":{\"name\":\"pod-0\"}"));
        }
    }

    @Test
    void aFullSpoolIsRecordedAsAGapAndTheAuditFileKeepsEverything() throws Exception {
        try (TestCollector collector = new TestCollector(ServerSocketFactory.getDefault(), false)) {
            collector.stop();
            AuditPipeline log = pipeline(
                    "tcp://127.0.0.1:" + collector.port(),
                    Map.of(ShipSettings.SPOOL_MAX, "64KB", ShipSettings.BACKOFF_MAX, "200ms"));
            for (int i = 0; i < 500; i++) {
                log.append(event(i));
            }
            Path file = dir.resolve("audit.jsonl");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(file).contains("\"ship_skipped_events\""));
            collector.start();
            log.close();
            assertEquals(
                    500,
                    Files.readAllLines(file).stream()
                            .filter(line -> line.contains("\"decision\":"))
                            .filter(line -> line.contains("\"event_type\":\"decision\""))
                            .count());
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }
}
