package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} at random moments while several threads call tools, 20 times over one audit file, in
 * every-event mode: after each kill the file verifies (a torn last line is reported as torn, not as tampering),
 * every call that had returned is in it, and the next start continues the chain.
 */
class KillNineIT {

    private static final int KILLS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void everyReturnedCallIsOnDiskAndTheFileVerifiesAfterEachKill(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("kill-9");
        Path policy = Policies.write(dir, "policy.yaml", AuditTrailIT.POLICY);
        Path audit = dir.resolve("audit.jsonl");
        Random random = new Random(42 + jdk.feature());
        int tornTails = 0;
        long returnedCalls = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Path runDir = Files.createDirectories(dir.resolve("run-" + kill));
            RunningJvm app = ForkedJvm.on(jdk)
                    .workDir(runDir)
                    .withTestClassPath()
                    .agent("policy=" + policy + ",role=auditor,audit.fsync=every-event,audit.file=" + audit)
                    .main(dev.toolgate.e2e.apps.audit.AuditLoadApp.class.getName(), "4", "60", "500")
                    .start();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> app.stdoutSoFar().contains("RETURNED"));
            Thread.sleep(random.nextInt(400));
            app.killHard();

            List<String> returned = completeLines(app.stdout()).stream()
                    .filter(line -> line.startsWith("RETURNED "))
                    .map(line -> line.split(" ")[1])
                    .toList();
            assertTrue(!returned.isEmpty());
            returnedCalls += returned.size();

            JvmRun verify = ForkedJvm.cli(jdk, "audit", "verify", audit.toString());
            assertEquals(0, verify.exitCode(), "kill " + kill + ": " + verify.describe());
            if (verify.stdout().contains("torn last line")) {
                tornTails++;
            }
            Set<String> recorded = recordedResults(audit);
            for (String id : returned) {
                assertTrue(
                        recorded.contains("recorded:" + id),
                        "kill " + kill + ": call " + id + " returned but its" + " result is not on disk");
            }
        }
        JvmRun finalVerify = ForkedJvm.cli(jdk, "audit", "verify", audit.toString());
        assertEquals(0, finalVerify.exitCode(), finalVerify.describe());
        long starts = Files.readAllLines(audit, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("\"event_type\":\"agent_start\""))
                .count();
        assertEquals(KILLS, starts, "one chain through " + KILLS + " runs");
        System.out.println("kill -9 on " + jdk + ": " + KILLS + " kills, " + returnedCalls + " returned calls all on"
                + " disk, " + tornTails + " torn last lines reported as torn");
    }

    private static List<String> completeLines(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private static Set<String> recordedResults(Path audit) throws Exception {
        Set<String> results = new HashSet<>();
        List<String> lines = new ArrayList<>(completeLines(audit));
        for (String line : lines) {
            if (!line.contains("\"event_type\":\"tool_result\"")) {
                continue;
            }
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException torn) {
                // A line torn by an earlier kill, closed off by the next start's audit_recovery event; verify
                // (above) has already checked that it is reported as torn and nothing else is wrong.
                continue;
            }
            results.add(event.get("result").asText());
        }
        return results;
    }
}
