package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.e2e.apps.audit.AuditLoadApp;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed checkpoints kept off the host, end to end: a real agent on a real JVM writes checkpoints while a real
 * rsyslog, down when the run starts, collects them (they wait in the spool like every other line) and a real HTTP
 * server receives them as alert webhooks. Then the audit files are tampered with in each way a hash chain alone
 * cannot show, and {@code audit verify --checkpoints} must fail naming the exact seq range unaccounted for.
 */
class CheckpointsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void checkpointsShippedToRsyslogAndTheWebhookFindEveryTampering(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("checkpoints");
        Path key = dir.resolve("checkpoint.key");
        JvmRun keygen = ForkedJvm.cli(jdk, "audit", "keygen", key.toString());
        assertEquals(0, keygen.exitCode(), keygen.describe());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

        List<String> webhook = new CopyOnWriteArrayList<>();
        HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", exchange -> {
            webhook.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (Rsyslog rsyslog = new Rsyslog(dir)) {
            Path policy = Policies.write(dir, "policy.yaml", AuditTrailIT.POLICY);
            RunningJvm app = ForkedJvm.on(jdk)
                    .workDir(dir)
                    .withTestClassPath()
                    .jvmOption("-Dtoolgate.audit.file=" + logs.resolve("audit.jsonl"))
                    .agent("policy=" + policy + ",role=auditor,audit.ship.url=syslog://127.0.0.1:" + rsyslog.port()
                            + ",audit.ship.backoff.max=500ms,audit.checkpoint.key=" + key
                            + ",audit.checkpoint.events=40,audit.checkpoint.interval=300ms,audit.rotate.size=64KB"
                            + ",alert.webhook.url=http://127.0.0.1:"
                            + hooks.getAddress().getPort() + "/hook")
                    .main(AuditLoadApp.class.getName(), "2", "6", "3000")
                    .start();
            // The collector is down until the agent has tried it and checkpoints wait in the spool.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(app.stderr()).contains("cannot connect")
                            && countCheckpoints(AuditTrailIT.auditFiles(logs)) >= 2);
            rsyslog.start();
            assertTrue(app.process().waitFor(60, TimeUnit.SECONDS), "the app should end by itself");
            JvmRun run = app.finished();
            assertTrue(run.stdout().contains("refused=0"), run.describe());

            List<Path> files = AuditTrailIT.auditFiles(logs);
            assertTrue(files.size() >= 3, "a rotated set: " + files);
            long lastSeq = lastSeq(logs.resolve("audit.jsonl"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received(rsyslog) >= lastSeq);
            Path collected = rsyslog.received();
            Path publicKey = Path.of(key + ".pub");
            long checkpoints = countCheckpoints(files);
            assertTrue(checkpoints >= 10, checkpoints + " checkpoints");

            JvmRun intact = verify(jdk, collected, publicKey, files);
            assertEquals(0, intact.exitCode(), intact.describe());
            assertTrue(intact.stdout().contains(checkpoints + " checkpoints signed by key ed25519:"), intact.stdout());
            assertTrue(intact.stdout().contains(checkpoints + " signed checkpoints match the files"), intact.stdout());

            // The webhook got them too, as {"text": …, "event": CHECKPOINT}: its copy anchors the files as well.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> hookCheckpoints(webhook).size() >= checkpoints);
            Path hooked = dir.resolve("webhook-checkpoints.jsonl");
            Files.write(hooked, hookCheckpoints(webhook));
            assertEquals(0, verify(jdk, hooked, publicKey, files).exitCode());

            long lastCheckpoint = lastCheckpointSeq(files);
            tamper(
                    jdk,
                    dir,
                    "cut-tail",
                    logs,
                    collected,
                    publicKey,
                    copy -> {
                        Path active = copy.resolve("audit.jsonl");
                        List<String> lines = Files.readAllLines(active);
                        int cut = Math.max(lines.size() / 2, 1);
                        Files.write(active, lines.subList(0, cut));
                        return seqOf(lines.get(cut - 1)) + 1;
                    },
                    lastCheckpoint,
                    "its end was cut off");
            tamper(
                    jdk,
                    dir,
                    "deleted-active",
                    logs,
                    collected,
                    publicKey,
                    copy -> {
                        Path active = copy.resolve("audit.jsonl");
                        long first = seqOf(Files.readAllLines(active).get(0));
                        Files.delete(active);
                        return first;
                    },
                    lastCheckpoint,
                    "the active file was deleted");
            tamper(
                    jdk,
                    dir,
                    "deleted-rotations",
                    logs,
                    collected,
                    publicKey,
                    copy -> {
                        List<Path> rotated = AuditTrailIT.auditFiles(copy).stream()
                                .filter(file -> !file.getFileName().toString().equals("audit.jsonl"))
                                .toList();
                        Path newest = rotated.get(rotated.size() - 1);
                        long first = seqOf(Files.readAllLines(newest).get(0));
                        Files.delete(newest);
                        Files.delete(copy.resolve("audit.jsonl"));
                        return first;
                    },
                    lastCheckpoint,
                    "the rotated file " + rotatedNewest(files).getFileName() + " (seq ");
            tamper(
                    jdk,
                    dir,
                    "recomputed",
                    logs,
                    collected,
                    publicKey,
                    copy -> {
                        recomputeWholeChain(copy);
                        JvmRun plain = ForkedJvm.cli(
                                jdk, withFiles(List.of("audit", "verify"), AuditTrailIT.auditFiles(copy)));
                        assertEquals(
                                0,
                                plain.exitCode(),
                                "a re-computed chain passes a check without checkpoints\n" + plain.describe());
                        return 1;
                    },
                    lastCheckpoint,
                    "the whole chain was computed afresh");

            // A checkpoint altered at the collector is a bad signature, named by line.
            Path forged = dir.resolve("forged.log");
            List<String> lines = new ArrayList<>(Files.readAllLines(collected));
            int at = lastIndexOf(lines, "\"event_type\":\"checkpoint\"");
            lines.set(at, lines.get(at).replaceFirst("\"file_first_seq\":(\\d+)", "\"file_first_seq\":7$1"));
            lines.add(3, "garbage from somewhere else");
            Files.write(forged, lines);
            JvmRun bad = verify(jdk, forged, publicKey, files);
            assertEquals(1, bad.exitCode(), bad.describe());
            assertTrue(bad.stdout().contains("BAD SIGNATURE: " + forged + ":" + (at + 2) + ": "), bad.stdout());
            assertTrue(bad.stdout().contains("1 lines ignored, neither audit events nor checkpoints"), bad.stdout());

            // Checkpoints of another key prove nothing about these files: bad input, not a verdict.
            Path other = dir.resolve("other.key");
            assertEquals(
                    0, ForkedJvm.cli(jdk, "audit", "keygen", other.toString()).exitCode());
            JvmRun wrongKey = verify(jdk, collected, Path.of(other + ".pub"), files);
            assertEquals(2, wrongKey.exitCode(), wrongKey.describe());
            assertTrue(wrongKey.stderr().contains("holds no checkpoint signed by key"), wrongKey.stderr());
        } finally {
            hooks.stop(0);
        }
    }

    /** A signing key others can read is refused at start-up, clearly, and every call with it. */
    @Test
    void aGroupReadableKeyStopsTheAgentFromStartingItsGate() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("checkpoints-key");
        Path key = dir.resolve("checkpoint.key");
        assertEquals(
                0,
                ForkedJvm.cli(Jdks.current(), "audit", "keygen", key.toString()).exitCode());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Path policy = Policies.write(dir, "policy.yaml", AuditTrailIT.POLICY);
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=auditor,audit.checkpoint.key=" + key)
                .main(AuditLoadApp.class.getName(), "1", "0", "0")
                .run();
        assertTrue(
                run.stderr().contains("has mode rw-r--r--") && run.stderr().contains("chmod 600 " + key),
                run.describe());
        assertTrue(run.stdout().contains("returned=0"), "no call ran\n" + run.describe());
    }

    @FunctionalInterface
    private interface Tampering {
        /** Tampers with the copy of the audit directory; returns the first seq that is then unaccounted for. */
        long apply(Path copy) throws Exception;
    }

    private static void tamper(
            Jdks.Jdk jdk,
            Path dir,
            String name,
            Path logs,
            Path collected,
            Path publicKey,
            Tampering tampering,
            long lastCheckpoint,
            String why)
            throws Exception {
        Path copy = Files.createDirectories(dir.resolve("tampered-" + name));
        for (Path file : AuditTrailIT.auditFiles(logs)) {
            Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        long from = tampering.apply(copy);
        JvmRun run = verify(jdk, collected, publicKey, AuditTrailIT.auditFiles(copy));
        assertEquals(1, run.exitCode(), name + "\n" + run.describe());
        assertTrue(
                run.stdout().contains("TAMPERED: seq " + from + ".." + lastCheckpoint + " unaccounted for: "),
                name + ": expected seq " + from + ".." + lastCheckpoint + "\n" + run.stdout());
        assertTrue(run.stdout().contains(why), name + "\n" + run.stdout());
    }

    private static JvmRun verify(Jdks.Jdk jdk, Path checkpoints, Path publicKey, List<Path> files) throws Exception {
        return ForkedJvm.cli(
                jdk,
                withFiles(
                        List.of(
                                "audit",
                                "verify",
                                "--checkpoints",
                                checkpoints.toString(),
                                "--public-key",
                                publicKey.toString()),
                        files));
    }

    private static String[] withFiles(List<String> args, List<Path> files) {
        List<String> all = new ArrayList<>(args);
        files.forEach(file -> all.add(file.toString()));
        return all.toArray(String[]::new);
    }

    private static long seqOf(String line) throws Exception {
        return JSON.readTree(line).get("seq").asLong();
    }

    private static long lastSeq(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        return seqOf(lines.get(lines.size() - 1));
    }

    private static long countCheckpoints(List<Path> files) throws Exception {
        long count = 0;
        for (Path file : files) {
            count += Files.readAllLines(file).stream()
                    .filter(line -> line.contains("\"event_type\":\"checkpoint\""))
                    .count();
        }
        return count;
    }

    private static long lastCheckpointSeq(List<Path> files) throws Exception {
        long last = 0;
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.contains("\"event_type\":\"checkpoint\"")) {
                    last = Math.max(last, seqOf(line));
                }
            }
        }
        return last;
    }

    private static Path rotatedNewest(List<Path> files) {
        List<Path> rotated = files.stream()
                .filter(file -> !file.getFileName().toString().equals("audit.jsonl"))
                .toList();
        return rotated.get(rotated.size() - 1);
    }

    private static int lastIndexOf(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text);
    }

    /** The highest seq rsyslog has written (from the structured data it put before each event). */
    private static long received(Rsyslog rsyslog) throws Exception {
        long max = 0;
        for (String line : rsyslog.receivedLines()) {
            int brace = line.indexOf('{');
            if (brace > 0) {
                max = Math.max(max, seqOf(line.substring(brace)));
            }
        }
        return max;
    }

    private static List<String> hookCheckpoints(List<String> bodies) throws Exception {
        List<String> events = new ArrayList<>();
        for (String body : bodies) {
            JsonNode event = JSON.readTree(body).get("event");
            if ("checkpoint".equals(event.path("event_type").asText())) {
                assertTrue(JSON.readTree(body).get("text").asText().startsWith("Toolgate: signed checkpoint"), body);
                events.add(JSON.writeValueAsString(event));
            }
        }
        return events;
    }

    /**
     * What someone who can write the files does: change the first event and compute every hash after it afresh, in
     * every file, so that the chain is perfect again, with hashes computed independently of the agent.
     */
    private static void recomputeWholeChain(Path dir) throws Exception {
        String prev = "0".repeat(64);
        for (Path file : AuditTrailIT.auditFiles(dir)) {
            List<String> rewritten = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                ObjectNode event = (ObjectNode) JSON.readTree(line);
                if (event.get("seq").asLong() == 1) {
                    event.put("reason", "nothing to see here");
                }
                event.put("prev_hash", prev);
                event.remove("hash");
                prev = CanonicalForm.sha256(event);
                event.put("hash", prev);
                rewritten.add(JSON.writeValueAsString(event));
            }
            Files.write(file, rewritten);
        }
    }
}
