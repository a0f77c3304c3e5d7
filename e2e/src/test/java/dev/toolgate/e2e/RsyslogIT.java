package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.e2e.apps.audit.AuditLoadApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shipping to a real rsyslog over TCP with RFC 5424 and octet counting: every event arrives, in order, and when
 * rsyslog is stopped for 30 seconds under load, the events wait in the spool and arrive once it is back. TCP
 * cannot say what the collector read before it went away, so the end of what was sent is sent again: such
 * copies carry the same seq and {@code resent="1"}, and counting by seq every event arrives exactly once.
 */
class RsyslogIT {

    private static final Pattern LINE = Pattern.compile("\\[toolgate@32473 seq=\"(\\d+)\"( resent=\"1\")?] (\\{.*})");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void everyEventReachesRsyslogInOrder(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("rsyslog");
        try (Rsyslog rsyslog = new Rsyslog(dir)) {
            rsyslog.start();
            JvmRun run = app(jdk, dir, rsyslog, "2", "2", "1000").run();
            assertTrue(run.stdout().contains("refused=0"), run.describe());
            long lastSeq = lastSeq(run.auditFile());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> maxSeq(rsyslog) >= lastSeq);
            Map<Long, Integer> copies = checkEveryEventOnceBySeq(rsyslog, run.auditFile());
            assertTrue(copies.values().stream().allMatch(n -> n == 1), "no reconnection, so no copies");
        }
    }

    /** About 50 seconds on one JDK: the outage is the JVM-independent part. */
    @Test
    void aThirtySecondOutageUnderLoadLosesNothing() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("rsyslog-outage");
        try (Rsyslog rsyslog = new Rsyslog(dir)) {
            rsyslog.start();
            RunningJvm app = app(Jdks.current(), dir, rsyslog, "2", "45", "1000")
                    .timeoutSeconds(120)
                    .start();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> rsyslog.receivedLines().size() > 200);
            rsyslog.stop();
            int beforeOutage = rsyslog.receivedLines().size();
            Thread.sleep(TimeUnit.SECONDS.toMillis(30));
            rsyslog.start();
            assertTrue(app.process().waitFor(90, TimeUnit.SECONDS), "the app should end by itself");
            JvmRun run = app.finished();
            assertTrue(run.stdout().contains("refused=0"), "shipping never holds up a call\n" + run.describe());
            assertTrue(
                    run.stderr()
                                    .contains("audit shipping to syslog://127.0.0.1:" + rsyslog.port()
                                            + ": connection lost")
                            || run.stderr().contains(": cannot connect"),
                    run.stderr());
            assertTrue(run.stderr().contains("resumed"), run.stderr());

            long lastSeq = lastSeq(run.auditFile());
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> maxSeq(rsyslog) >= lastSeq);
            Map<Long, Integer> copies = checkEveryEventOnceBySeq(rsyslog, run.auditFile());
            long resent = copies.values().stream().filter(n -> n > 1).count();
            System.out.println("rsyslog outage: " + lastSeq + " events, " + beforeOutage + " received before the"
                    + " 30 s outage, all received after it, " + resent + " sent again (marked resent)");
        }
    }

    private static ForkedJvm app(
            Jdks.Jdk jdk, Path dir, Rsyslog rsyslog, String threads, String seconds, String pauseMicros)
            throws Exception {
        Path policy = Policies.write(dir, "policy.yaml", AuditTrailIT.POLICY);
        return ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=auditor,audit.ship.url=syslog://127.0.0.1:" + rsyslog.port()
                        + ",audit.ship.backoff.max=2s")
                .main(AuditLoadApp.class.getName(), threads, seconds, pauseMicros);
    }

    /**
     * Checks what rsyslog wrote against the audit files (rotated ones too): every seq present with the same hash, first copies in
     * seq order, and any second copy marked as resent.
     *
     * @return seq → copies received
     */
    private static Map<Long, Integer> checkEveryEventOnceBySeq(Rsyslog rsyslog, Path auditFile) throws Exception {
        Map<Long, String> written = new LinkedHashMap<>();
        for (Path file : AuditTrailIT.auditFiles(auditFile.getParent())) {
            for (String line : Files.readAllLines(file)) {
                JsonNode event = JSON.readTree(line);
                written.put(event.get("seq").asLong(), event.get("hash").asText());
            }
        }
        Map<Long, Integer> copies = new LinkedHashMap<>();
        long highestFirst = 0;
        for (String line : rsyslog.receivedLines()) {
            Matcher matcher = LINE.matcher(line.trim());
            assertTrue(matcher.matches(), "not a Toolgate syslog message: " + line);
            long seq = Long.parseLong(matcher.group(1));
            JsonNode event = JSON.readTree(matcher.group(3));
            assertEquals(seq, event.get("seq").asLong());
            assertEquals(written.get(seq), event.get("hash").asText(), "seq " + seq + " is the event written");
            int copy = copies.merge(seq, 1, Integer::sum);
            if (copy == 1) {
                assertEquals(highestFirst + 1, seq, "first copies arrive in order, without a gap");
                highestFirst = seq;
            } else {
                assertTrue(matcher.group(2) != null, "a second copy of seq " + seq + " is marked resent");
            }
        }
        assertEquals(written.keySet(), copies.keySet(), "every event written arrived");
        return copies;
    }

    private static long lastSeq(Path auditFile) throws Exception {
        List<String> lines = Files.readAllLines(auditFile);
        return JSON.readTree(lines.get(lines.size() - 1)).get("seq").asLong();
    }

    private static long maxSeq(Rsyslog rsyslog) throws Exception {
        long max = 0;
        for (String line : rsyslog.receivedLines()) {
            Matcher matcher = LINE.matcher(line.trim());
            if (matcher.matches()) {
                max = Math.max(max, Long.parseLong(matcher.group(1)));
            }
        }
        return max;
    }
}
