package dev.toolgate.agent.audit;

import static dev.toolgate.agent.audit.AuditTestEvents.lines;
import static dev.toolgate.agent.audit.AuditTestEvents.ofType;
import static dev.toolgate.agent.audit.AuditTestEvents.read;
import static dev.toolgate.agent.audit.AuditTestEvents.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.audit.checkpoint.Checkpoint;
import dev.toolgate.agent.audit.checkpoint.CheckpointKeys;
import dev.toolgate.agent.audit.checkpoint.CheckpointLog;
import dev.toolgate.agent.audit.checkpoint.CheckpointSettings;
import dev.toolgate.agent.audit.file.Rotation;
import dev.toolgate.agent.config.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTest {

    @TempDir
    Path dir;

    private CheckpointSettings checkpoints(long every, Duration interval) throws Exception {
        Path key = dir.resolve("checkpoint.key");
        if (!key.toFile().exists()) {
            CheckpointKeys.generate(key);
        }
        return new CheckpointSettings(key, CheckpointKeys.loadPair(key), every, interval);
    }

    @Test
    void everyNEventsACheckpointAttestsTheEventBeforeItAndItsSignatureVerifies() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditPipeline log = AuditPipeline.open(
                settings(file).withCheckpoints(checkpoints(10, Duration.ZERO)), "p.yaml", "abc", Mode.ENFORCE);
        for (int i = 0; i < 45; i++) {
            // one at a time, so that batches do not decide where checkpoints fall
            long written = log.written();
            log.append(read("q" + i));
            Awaitility.await().until(() -> log.written() > written);
        }
        log.append(AuditEvent.lifecycle(EventType.AGENT_STOP, null, Mode.ENFORCE, Map.of()));
        log.close();

        List<JsonNode> events = lines(file);
        List<JsonNode> checkpoints = ofType(file, "checkpoint");
        assertEquals(5, checkpoints.size(), "after 10, 20, 30 and 40 events, and after agent_stop");
        for (JsonNode checkpoint : checkpoints) {
            long seq = checkpoint.get("seq").asLong();
            JsonNode before = events.get((int) seq - 2);
            JsonNode statement = checkpoint.get("checkpoint");
            assertEquals(seq - 1, statement.get("seq").asLong());
            assertEquals(before.get("hash").asText(), statement.get("hash").asText());
            assertEquals(file.toString(), statement.get("file").asText());
            assertEquals(1, statement.get("file_first_seq").asLong());
            assertEquals("audit.000000000001.jsonl", statement.get("rotated_as").asText());
        }
        assertEquals(
                "agent_stop", events.get(events.size() - 2).get("event_type").asText());
        assertEquals(
                "checkpoint", events.get(events.size() - 1).get("event_type").asText());

        ChainVerifier.Result chain = ChainVerifier.verify(List.of(file));
        assertTrue(chain.ok(), chain.failure());
        assertTrue(chain.notes().stream().noneMatch(note -> note.contains("not agent_stop")), chain.notes()::toString);

        // The audit file is itself a file of checkpoint lines: every one verifies with the public key.
        CheckpointLog.Contents read = CheckpointLog.read(
                file, CheckpointKeys.loadPublic(CheckpointKeys.publicFileOf(dir.resolve("checkpoint.key"))));
        assertEquals(5, read.checkpoints().size(), () -> read + "\n" + checkpoints.get(0));
        assertEquals(List.of(), read.badSignatures());
        assertEquals(events.size() - 5, read.otherEvents());
        assertEquals(
                List.of(10L, 21L, 32L, 43L, 51L),
                read.checkpoints().stream().map(Checkpoint::seq).toList());
    }

    @Test
    void afterTheIntervalAnIdleWriterCheckpointsWhatItWroteAndOnlyThat() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditPipeline log = AuditPipeline.open(
                settings(file).withCheckpoints(checkpoints(0, Duration.ofMillis(200))), "p.yaml", "abc", Mode.ENFORCE);
        log.append(read("one"));
        log.append(read("two"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> ofType(file, "checkpoint").size() == 1);
        Thread.sleep(600);
        assertEquals(1, ofType(file, "checkpoint").size(), "nothing new written: no new checkpoint");
        log.close();
        assertEquals(
                3,
                ofType(file, "checkpoint").get(0).get("checkpoint").get("seq").asLong());
    }

    @Test
    void aCheckpointNamesTheFileItsEventIsInAcrossRotation() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditPipeline log = AuditPipeline.open(
                settings(file)
                        .withRotation(new Rotation(2_000, Duration.ZERO))
                        .withCheckpoints(checkpoints(3, Duration.ZERO)),
                "p.yaml",
                "abc",
                Mode.ENFORCE);
        for (int i = 0; i < 40; i++) {
            long written = log.written();
            log.append(read("q" + i));
            Awaitility.await().until(() -> log.written() > written);
        }
        log.close();
        List<Path> files = new dev.toolgate.agent.audit.file.AuditFileNames(file).rotatedFiles();
        assertTrue(files.size() >= 2, "rotated: " + files);
        for (Path rotated : files) {
            long firstSeq = lines(rotated).get(0).get("seq").asLong();
            for (JsonNode checkpoint : ofType(rotated, "checkpoint")) {
                assertEquals(
                        firstSeq,
                        checkpoint.get("checkpoint").get("file_first_seq").asLong());
                assertEquals(
                        rotated.getFileName().toString(),
                        checkpoint.get("checkpoint").get("rotated_as").asText());
            }
        }
    }
}
