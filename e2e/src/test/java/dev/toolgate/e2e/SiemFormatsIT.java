package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.e2e.apps.audit.AuditLoadApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIEM views shipped to a real rsyslog: what rsyslog wrote is asserted field by field against the audit file,
 * whose lines stay canonical; the events embedded in the views chain exactly as the file does, and the signed
 * checkpoints among them verify the file with {@code audit verify --checkpoints}.
 */
class SiemFormatsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile("\\[toolgate@32473 seq=\"(\\d+)\"( resent=\"1\")?] (\\{.*})");

    static Stream<Arguments> jdksAndFormats() {
        return Jdks.all().flatMap(jdk -> Stream.of(Arguments.of(jdk, "ocsf"), Arguments.of(jdk, "cloudevents")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksAndFormats")
    void rsyslogReceivesTheViewAndTheChainChecksOutAtTheCollector(Jdks.Jdk jdk, String format) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("siem-" + format);
        Path key = dir.resolve("checkpoint.key");
        assertEquals(0, ForkedJvm.cli(jdk, "audit", "keygen", key.toString()).exitCode());
        try (Rsyslog rsyslog = new Rsyslog(dir)) {
            rsyslog.start();
            Path policy = Policies.write(dir, "policy.yaml", AuditTrailIT.POLICY);
            JvmRun run = ForkedJvm.on(jdk)
                    .workDir(dir)
                    .withTestClassPath()
                    .agent("policy=" + policy + ",role=auditor,audit.ship.url=syslog://127.0.0.1:" + rsyslog.port()
                            + "?format=" + format + ",audit.checkpoint.key=" + key + ",audit.checkpoint.events=25")
                    .main(AuditLoadApp.class.getName(), "2", "1", "2000", "purge")
                    .run();
            assertTrue(run.stdout().contains("refused=0"), run.describe());
            List<String> lines = Files.readAllLines(run.auditFile());
            for (String line : lines) {
                assertTrue(line.startsWith("{\"agent_id\":"), "the file keeps the canonical line: " + line);
            }
            long lastSeq = JSON.readTree(lines.get(lines.size() - 1)).get("seq").asLong();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> views(rsyslog).size() >= lastSeq);

            Map<Long, JsonNode> written = new TreeMap<>();
            for (String line : lines) {
                JsonNode event = JSON.readTree(line);
                written.put(event.get("seq").asLong(), event);
            }
            Map<Long, JsonNode> received = views(rsyslog);
            assertEquals(written.keySet(), received.keySet(), "every event arrived");
            String prev = "0".repeat(64);
            for (Map.Entry<Long, JsonNode> entry : received.entrySet()) {
                JsonNode view = entry.getValue();
                JsonNode embedded = format.equals("ocsf") ? view.get("unmapped").get("toolgate") : view.get("data");
                JsonNode original = written.get(entry.getKey());
                assertEquals(original, embedded, "the view carries the event as written");
                assertEquals(embedded.get("hash").asText(), CanonicalForm.sha256(embedded), "its hash checks out");
                assertEquals(prev, embedded.get("prev_hash").asText(), "and it links to the one before");
                prev = embedded.get("hash").asText();
                if (format.equals("ocsf")) {
                    assertOcsf(view, original);
                } else {
                    assertCloudEvent(view, original, run.auditFile());
                }
            }

            JvmRun verified = ForkedJvm.cli(
                    jdk,
                    "audit",
                    "verify",
                    "--checkpoints",
                    rsyslog.received().toString(),
                    "--public-key",
                    key + ".pub",
                    run.auditFile().toString());
            assertEquals(0, verified.exitCode(), verified.describe());
            assertTrue(verified.stdout().contains("signed checkpoints match the files"), verified.stdout());

            // The collector's own copy is a chain too, checked out of the views.
            JvmRun collected = ForkedJvm.cli(
                    jdk, "audit", "verify", "--collected", rsyslog.received().toString());
            assertEquals(0, collected.exitCode(), collected.describe());
            assertTrue(
                    collected.stdout().contains(lastSeq + " events, seq 1.." + lastSeq + ", chain intact"),
                    collected.stdout());
            List<String> receivedLines = new ArrayList<>(rsyslog.receivedLines());
            receivedLines.remove(5);
            Path cut = dir.resolve("collector-with-a-hole.log");
            Files.write(cut, receivedLines);
            JvmRun hole = ForkedJvm.cli(jdk, "audit", "verify", "--collected", cut.toString());
            assertEquals(1, hole.exitCode(), hole.describe());
            assertTrue(hole.stdout().contains("TAMPERED: " + cut + ":6: deleted: seq 6 missing"), hole.stdout());
        }
    }

    private static void assertOcsf(JsonNode view, JsonNode original) {
        String type = original.get("event_type").asText();
        assertEquals(6, view.get("category_uid").asInt());
        assertEquals(6009, view.get("class_uid").asInt());
        int activity = switch (type) {
            case "decision", "tool_result", "error" -> 7;
            case "approval_requested" -> 6;
            default -> 99;
        };
        assertEquals(activity, view.get("activity_id").asInt(), type);
        assertEquals(600900 + activity, view.get("type_uid").asInt());
        assertEquals(
                original.get("seq").asLong(),
                view.get("metadata").get("sequence").asLong());
        assertEquals(
                original.get("hash").asText(), view.get("metadata").get("uid").asText());
        assertEquals(type, view.get("metadata").get("event_code").asText());
        assertEquals(
                original.get("timestamp").asText(),
                view.get("metadata").get("original_time").asText());
        assertEquals(
                java.time.Instant.parse(original.get("timestamp").asText()).toEpochMilli(),
                view.get("time").asLong());
        if (type.equals("decision")) {
            assertEquals(1, view.get("action_id").asInt(), "auditor may purge");
            assertEquals(
                    original.get("tool").asText(),
                    view.get("ai_agent_tool_use_info").get("name").asText());
            assertTrue(
                    view.get("ai_agent_tool_use_info").get("is_pre_occurrence").asBoolean());
            assertEquals("auditor", view.get("actor").get("user").get("name").asText());
            assertEquals(
                    original.get("rule").asText(),
                    view.get("policy").get("name").asText());
        } else if (type.equals("tool_result")) {
            assertFalse(
                    view.get("ai_agent_tool_use_info").get("is_pre_occurrence").asBoolean());
        }
    }

    private static void assertCloudEvent(JsonNode view, JsonNode original, Path auditFile) {
        assertEquals("1.0", view.get("specversion").asText());
        assertEquals(original.get("hash").asText(), view.get("id").asText());
        assertTrue(view.get("source").asText().startsWith("urn:toolgate:"), view.toString());
        assertTrue(
                view.get("source")
                        .asText()
                        .endsWith(":" + auditFile.toAbsolutePath().normalize()),
                view.toString());
        assertEquals(
                "dev.toolgate.audit." + original.get("event_type").asText(),
                view.get("type").asText());
        assertEquals(original.get("timestamp").asText(), view.get("time").asText());
        assertEquals("application/json", view.get("datacontenttype").asText());
        assertEquals(original.get("seq").asLong(), view.get("toolgateseq").asLong());
        assertEquals(original.get("hash").asText(), view.get("toolgatehash").asText());
        if (!original.get("tool").isNull()) {
            assertEquals(original.get("tool").asText(), view.get("subject").asText());
        }
    }

    /** What rsyslog wrote: seq (from the structured data) → the JSON view, first copy. */
    private static Map<Long, JsonNode> views(Rsyslog rsyslog) throws Exception {
        Map<Long, JsonNode> views = new TreeMap<>();
        List<String> unparsed = new ArrayList<>();
        for (String line : rsyslog.receivedLines()) {
            Matcher matcher = LINE.matcher(line.trim());
            if (!matcher.matches()) {
                unparsed.add(line);
                continue;
            }
            views.putIfAbsent(Long.parseLong(matcher.group(1)), JSON.readTree(matcher.group(3)));
        }
        assertEquals(List.of(), unparsed, "every line rsyslog wrote is a Toolgate message");
        return views;
    }
}
