package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.e2e.apps.audit.AuditLoadApp;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit trail of a real JVM with the agent attached: chained, durable, continued across restarts and
 * rotation, verifiable with the agent jar's CLI, counted over JMX, and high-risk calls alerted.
 */
class AuditTrailIT {

    static final String POLICY = """
            roles:
              auditor:
                allowed_tools: [audit_record, audit_lookup, audit_purge]
                approval:
                  rules:
                    - id: test-purges
                      tools: [audit_purge]
                      action: auto_approve
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void chainedAcrossRestartsAndRotationVerifiedAndCounted(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("audit-trail");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        String agent = "policy=" + policy + ",role=auditor,audit.fsync=every-event,audit.rotate.size=64KB";
        JvmRun first = app(jdk, dir, agent, "2", "1", "200", "record", "mbean").run();
        assertTrue(first.stdout().contains("DONE"), first.describe());
        assertTrue(first.stdout().contains("refused=0"), first.describe());
        JvmRun second = app(jdk, dir, agent, "2", "1", "200", "lookup", "mbean").run();
        assertTrue(second.stdout().contains("refused=0"), second.describe());

        long returned = second.stdout()
                .lines()
                .filter(line -> line.startsWith("RETURNED"))
                .count();
        assertTrue(
                second.stdout().contains("MBEAN EventsQueued=" + (2 * returned + 1)),
                "agent_start, then a"
                        + " decision and a result per call\n"
                        + second.stdout()
                                .lines()
                                .filter(l -> l.startsWith("MBEAN"))
                                .toList());
        assertTrue(second.stdout().contains("MBEAN EventsDropped=0"), second.describe());
        assertTrue(second.stdout().contains("MBEAN EventsFailed=0"), second.describe());

        List<Path> files = auditFiles(dir);
        assertTrue(files.size() > 2, "rotated at 64 KB: " + files);
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file + "");
        }
        String[] names = files.stream().map(Path::toString).toArray(String[]::new);
        JvmRun verify = ForkedJvm.cli(jdk, concat("audit", "verify", names));
        assertEquals(0, verify.exitCode(), verify.describe());
        assertTrue(verify.stdout().contains("the chain starts at seq 1"), verify.stdout());
        assertTrue(verify.stdout().contains("chain intact"), verify.stdout());

        JsonNode stop = lastEvent(dir.resolve("audit.jsonl"), "agent_stop");
        assertEquals(0, stop.get("events_dropped").asLong());
        assertEquals(0, stop.get("events_failed").asLong());
        assertEquals(2 * returned + 2, stop.get("events_queued").asLong(), "the counters include agent_stop");
        Path withResults = files.get(files.size() / 2);
        JsonNode decision = lastEvent(withResults, "decision");
        assertEquals("roles.auditor.allowed_tools", decision.get("rule").asText());
        assertEquals(policy.toString(), decision.get("policy_file").asText());
        assertEquals(64, decision.get("policy_sha256").asText().length());
        assertEquals(64, decision.get("prev_hash").asText().length());

        List<String> lines = Files.readAllLines(withResults);
        int edited = -1;
        for (int i = lines.size() - 1; i > 0 && edited < 0; i--) {
            if (lines.get(i).contains("\"recorded:") || lines.get(i).contains("\"found:")) {
                edited = i;
            }
        }
        lines.set(
                edited, lines.get(edited).replace(":\"recorded:", ":\"erased:").replace(":\"found:", ":\"lost:"));
        Files.write(withResults, lines);
        JvmRun tampered = ForkedJvm.cli(jdk, concat("audit", "verify", names));
        assertEquals(1, tampered.exitCode(), tampered.describe());
        assertTrue(
                tampered.stdout().contains("TAMPERED: " + withResults + ":" + (edited + 1) + ": edited"),
                tampered.stdout());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void highRiskCallsAreAlertedAndAFailingWebhookIsAudited(Jdks.Jdk jdk) throws Exception {
        List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            alerts.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        try {
            Path dir = ForkedJvm.freshWorkDir("alerts");
            Path policy = Policies.write(dir, "policy.yaml", POLICY);
            String url = "http://127.0.0.1:" + webhook.getAddress().getPort();
            JvmRun run = app(
                            jdk,
                            dir,
                            "policy=" + policy + ",role=auditor,alert.webhook.url=" + url + "/alerts",
                            "1",
                            "0",
                            "0",
                            "purge")
                    .run();
            assertTrue(run.stdout().contains("RETURNED"), run.describe());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !alerts.isEmpty());
            JsonNode alert = alerts.get(0);
            assertTrue(
                    alert.get("text")
                            .asText()
                            .startsWith("Toolgate: allow delete tool 'audit_purge' for role" + " 'auditor'"),
                    alert.toString());
            assertEquals("decision", alert.get("event").get("event_type").asText());

            Path down = ForkedJvm.freshWorkDir("alerts-down");
            Path policyDown = Policies.write(down, "policy.yaml", POLICY);
            JvmRun failing = app(
                            jdk,
                            down,
                            "policy=" + policyDown + ",role=auditor,alert.webhook.url=" + url + "/missing",
                            "1",
                            "0",
                            "0",
                            "purge")
                    .run();
            assertTrue(
                    failing.stdout().contains("RETURNED"),
                    "the call ran although its alert failed\n" + failing.describe());
            JsonNode failure = lastEvent(down.resolve("audit.jsonl"), "alert_failed");
            assertTrue(failure.get("alert_error").asText().contains("HTTP 404"), failure.toString());
        } finally {
            webhook.stop(0);
        }
    }

    static ForkedJvm app(Jdks.Jdk jdk, Path dir, String agent, String... args) {
        return ForkedJvm.on(jdk).workDir(dir).withTestClassPath().agent(agent).main(AuditLoadApp.class.getName(), args);
    }

    static List<Path> auditFiles(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().matches("audit(\\.\\d+)?\\.jsonl"))
                    .sorted()
                    .toList();
        }
    }

    static JsonNode lastEvent(Path file, String type) throws Exception {
        JsonNode last = null;
        for (String line : Files.readAllLines(file)) {
            JsonNode event = JSON.readTree(line);
            if (type.equals(event.get("event_type").asText())) {
                last = event;
            }
        }
        if (last == null) {
            throw new AssertionError("no " + type + " event in " + file + ":\n" + Files.readString(file));
        }
        return last;
    }

    private static String[] concat(String a, String b, String[] rest) {
        String[] all = new String[rest.length + 2];
        all[0] = a;
        all[1] = b;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }
}
