package dev.toolgate.agent.audit;

import static dev.toolgate.agent.audit.AuditTestEvents.delete;
import static dev.toolgate.agent.audit.AuditTestEvents.ofType;
import static dev.toolgate.agent.audit.AuditTestEvents.read;
import static dev.toolgate.agent.audit.AuditTestEvents.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.config.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up or fails: the file keeps only complete, chained lines; callers are told their event was
 * not recorded (so the gate refuses non-READ calls); the gap is recorded once the file can be written again.
 */
class AuditFailureTest {

    @TempDir
    Path dir;

    @Test
    void everyEventModeReportsAFullDiskToTheCallerAndKeepsTheFileValid() throws Exception {
        Path file = dir.resolve("full.jsonl");
        FlakyStorage storage = new FlakyStorage();
        AuditPipeline log = AuditPipeline.open(
                settings(file).withFsync(FsyncPolicy.EVERY_EVENT), null, null, Mode.ENFORCE, storage::open);
        assertTrue(log.append(read("before")));
        storage.full = true;
        assertFalse(log.append(delete("during")), "a failed write is reported to the caller");
        assertNotNull(log.problem());
        assertTrue(log.problem().contains("No space left on device"), log.problem());
        assertTrue(log.problem().contains(file.toString()), log.problem());
        assertFalse(log.append(read("still full")), "no event is accepted while the file fails");
        assertTrue(ChainVerifier.verify(List.of(file)).ok(), "the partial write was cut back");

        storage.full = false;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.problem() == null);
        assertTrue(log.append(read("after")));
        log.close();
        ChainVerifier.Result result = ChainVerifier.verify(List.of(file));
        assertTrue(result.ok(), result.toString());
        JsonNode gap = ofType(file, "audit_gap").get(0);
        assertEquals(1, gap.get("lost_events").asLong(), gap.toString());
        assertEquals(1, gap.get("dropped_events").asLong(), gap.toString());
        assertTrue(gap.get("problem").asText().contains("No space left on device"));
        assertEquals(2, ofType(file, "decision").size(), "before and after");
    }

    @Test
    void intervalModeRefusesOnceTheFailureIsKnown() throws Exception {
        Path file = dir.resolve("interval.jsonl");
        FlakyStorage storage = new FlakyStorage();
        AuditPipeline log = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE, storage::open);
        assertTrue(log.append(read("before")));
        Awaitility.await().until(() -> log.written() == 2);
        storage.full = true;
        log.append(delete("lost in the failing write"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> log.problem() != null);
        assertFalse(log.append(delete("refused")));
        storage.full = false;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.problem() == null);
        log.close();
        assertTrue(ChainVerifier.verify(List.of(file)).ok());
        JsonNode gap = ofType(file, "audit_gap").get(0);
        assertEquals(1, gap.get("lost_events").asLong());
        assertEquals(1, gap.get("dropped_events").asLong());
    }

    @Test
    void aFailedFsyncIsReportedInEveryEventMode() throws Exception {
        Path file = dir.resolve("eio.jsonl");
        FlakyStorage storage = new FlakyStorage();
        AuditPipeline log = AuditPipeline.open(
                settings(file).withFsync(FsyncPolicy.EVERY_EVENT), null, null, Mode.ENFORCE, storage::open);
        storage.failSync = true;
        assertFalse(log.append(delete("not durable")));
        assertTrue(log.problem().contains("Input/output error"), log.problem());
        storage.failSync = false;
        log.close();
    }
}
