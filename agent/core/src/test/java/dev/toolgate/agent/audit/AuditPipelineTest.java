package dev.toolgate.agent.audit;

import static dev.toolgate.agent.audit.AuditTestEvents.lines;
import static dev.toolgate.agent.audit.AuditTestEvents.ofType;
import static dev.toolgate.agent.audit.AuditTestEvents.read;
import static dev.toolgate.agent.audit.AuditTestEvents.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.ChainLink;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.audit.file.AuditFileNames;
import dev.toolgate.agent.audit.file.Rotation;
import dev.toolgate.agent.config.Mode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditPipelineTest {

    @TempDir
    Path dir;

    @Test
    void everyEventFromManyThreadsIsWrittenOnceInSequenceAndChained() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditPipeline log = AuditPipeline.open(settings(file), "p.yaml", "abc", Mode.ENFORCE);
        int threads = 8;
        int perThread = 20_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    assertTrue(log.append(read(thread + ":" + i)));
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        log.close();

        List<JsonNode> events = lines(file);
        assertEquals("file_start", events.get(0).path("event_type").asText());
        assertEquals(threads * perThread + 1, events.size());
        Set<String> seen = new HashSet<>();
        String prev = ChainLink.GENESIS.hash();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertEquals(i + 1, event.get("seq").asLong());
            assertEquals(prev, event.get("prev_hash").asText());
            assertEquals(64, event.get("hash").asText().length());
            prev = event.get("hash").asText();
            if (i > 0) {
                seen.add(event.get("params").get("query").asText());
                assertEquals("sql_read", event.get("tool").asText());
                assertEquals("roles.data_agent.allowed_tools", event.get("rule").asText());
                assertEquals("p.yaml", event.get("policy_file").asText());
                assertEquals("abc", event.get("policy_sha256").asText());
            }
        }
        assertEquals(threads * perThread, seen.size());
        assertEquals(threads * perThread, log.stats().getEventsQueued());
        assertEquals(threads * perThread + 1, log.written());
        assertEquals(0, log.failed());
        assertEquals(0, log.dropped());
        assertTrue(ChainVerifier.verify(List.of(file)).ok());
    }

    @Test
    void fileIsCreatedOwnerOnly() throws Exception {
        Path file = dir.resolve("private.jsonl");
        AuditPipeline log = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
        log.append(read("x"));
        log.close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void widerPermissionsOfAnExistingFileAreTightened() throws Exception {
        Path file = dir.resolve("open.jsonl");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        AuditPipeline.open(settings(file), null, null, Mode.ENFORCE).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void everyEventModeHasTheEventOnDiskWhenAppendReturnsAndSharesFsyncs() throws Exception {
        Path file = dir.resolve("durable.jsonl");
        AuditPipeline log =
                AuditPipeline.open(settings(file).withFsync(FsyncPolicy.EVERY_EVENT), null, null, Mode.ENFORCE);
        assertTrue(log.append(read("first")));
        assertTrue(Files.readString(file).contains("\"query\":\"first\""), "on disk when append returned");

        int threads = 16;
        int perThread = 300;
        List<Thread> callers = new ArrayList<>();
        List<String> missing = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread caller = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    String marker = "t" + thread + "-" + i;
                    if (!log.append(read(marker))) {
                        missing.add(marker + " not recorded");
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        long fsyncs = log.stats().getFsyncs();
        log.close();
        assertTrue(missing.isEmpty(), missing.toString());
        assertEquals(threads * perThread + 2, lines(file).size());
        assertTrue(
                fsyncs < threads * perThread / 2,
                "group commit shares fsyncs: " + fsyncs + " for " + threads * perThread + " events");
    }

    @Test
    void theChainContinuesAcrossRestarts() throws Exception {
        Path file = dir.resolve("restart.jsonl");
        for (int run = 0; run < 3; run++) {
            AuditPipeline log = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
            log.append(read("run" + run));
            log.close();
        }
        List<JsonNode> events = lines(file);
        assertEquals(4, events.size(), "one file_start, then one event per run");
        assertEquals(
                List.of(1L, 2L, 3L, 4L),
                events.stream().map(event -> event.get("seq").asLong()).toList());
        for (int i = 1; i < events.size(); i++) {
            assertEquals(
                    events.get(i - 1).get("hash").asText(),
                    events.get(i).get("prev_hash").asText());
        }
        ChainVerifier.Result result = ChainVerifier.verify(List.of(file));
        assertTrue(result.ok(), result.toString());
    }

    @Test
    void aTornLastLineIsClosedOffAndRecordedAndTheChainContinuesBeforeIt() throws Exception {
        Path file = dir.resolve("torn.jsonl");
        AuditPipeline first = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
        first.append(read("kept"));
        first.close();
        String lastHash = lines(file).get(1).get("hash").asText();
        byte[] torn = "{\"agent_id\":\"agent-1\",\"approval_st".getBytes(StandardCharsets.UTF_8);
        Files.write(file, torn, StandardOpenOption.APPEND);

        ChainVerifier.Result beforeRestart = ChainVerifier.verify(List.of(file));
        assertTrue(beforeRestart.ok(), beforeRestart.toString());
        assertTrue(
                beforeRestart.notes().stream().anyMatch(note -> note.contains("torn last line")),
                beforeRestart.notes().toString());

        AuditPipeline second = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
        second.append(read("after"));
        second.close();
        List<String> raw = Files.readAllLines(file);
        assertEquals(new String(torn, StandardCharsets.UTF_8), raw.get(2));
        JsonNode recovery = AuditTestEvents.JSON.readTree(raw.get(3));
        assertEquals("audit_recovery", recovery.get("event_type").asText());
        assertEquals(torn.length, recovery.get("torn_bytes").asInt());
        assertEquals(lastHash, recovery.get("prev_hash").asText());
        assertEquals(3, recovery.get("seq").asLong());

        ChainVerifier.Result afterRestart = ChainVerifier.verify(List.of(file));
        assertTrue(afterRestart.ok(), afterRestart.toString());
        assertTrue(
                afterRestart.notes().stream().anyMatch(note -> note.contains("closed off by the audit_recovery")),
                afterRestart.notes().toString());
    }

    @Test
    void aCompleteLastLineWithoutNewlineIsContinued() throws Exception {
        Path file = dir.resolve("no-newline.jsonl");
        AuditPipeline first = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
        first.append(read("kept"));
        first.close();
        byte[] content = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(content, content.length - 1));
        AuditPipeline second = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
        second.append(read("after"));
        second.close();
        assertEquals(3, lines(file).size());
        assertTrue(ChainVerifier.verify(List.of(file)).ok());
    }

    @Test
    void sizeRotationKeepsOneChainAcrossFiles() throws Exception {
        Path file = dir.resolve("rotating.jsonl");
        AuditSettings small = settings(file).withRotation(new Rotation(4_096, Duration.ZERO));
        for (int run = 0; run < 2; run++) {
            AuditPipeline log = AuditPipeline.open(small, null, null, Mode.ENFORCE);
            for (int i = 0; i < 100; i++) {
                log.append(read("run" + run + "-" + i + "-" + "x".repeat(50)));
                if (i % 10 == 0) {
                    Thread.sleep(5); // several batches, so several rotations
                }
            }
            log.close();
        }
        List<Path> rotated = new AuditFileNames(file).rotatedFiles();
        assertTrue(rotated.size() >= 2, "rotated files: " + rotated);
        List<Path> all = new ArrayList<>(rotated);
        all.add(file);
        java.util.Collections.reverse(all); // the verifier puts them in chain order itself
        ChainVerifier.Result result = ChainVerifier.verify(all);
        assertTrue(result.ok(), result.toString());
        long events = all.stream()
                .mapToLong(f -> lines(f).stream()
                        .filter(e -> e.path("event_type").asText().equals("decision"))
                        .count())
                .sum();
        assertEquals(200, events);
        for (Path each : all) {
            assertEquals("file_start", lines(each).get(0).get("event_type").asText(), each.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(each)));
        }
        ChainVerifier.Result activeAlone = ChainVerifier.verify(List.of(file));
        assertTrue(activeAlone.ok(), activeAlone.toString());
        assertTrue(
                activeAlone.notes().stream().anyMatch(note -> note.contains("continuing from")),
                activeAlone.notes().toString());
    }

    @Test
    void ageRotationStartsANewFileWhenTheFirstEventIsOldEnough() throws Exception {
        Path file = dir.resolve("aging.jsonl");
        AuditPipeline log = AuditPipeline.open(
                settings(file).withRotation(new Rotation(0, Duration.ofMillis(200))), null, null, Mode.ENFORCE);
        log.append(read("early"));
        Thread.sleep(400);
        log.append(read("late"));
        log.close();
        List<Path> rotated = new AuditFileNames(file).rotatedFiles();
        assertEquals(1, rotated.size());
        assertTrue(Files.readString(rotated.get(0)).contains("early"));
        assertTrue(Files.readString(file).contains("late"));
        assertEquals(
                rotated.get(0).getFileName().toString(),
                lines(file).get(0).get("previous_file").asText());
        assertTrue(ChainVerifier.verify(List.of(rotated.get(0), file)).ok());
    }

    @Test
    void agentStopCarriesTheCountersAndJmxShowsThem() throws Exception {
        Path file = dir.resolve("counters.jsonl");
        AuditPipeline log = AuditPipeline.open(AuditSettings.defaults(file), null, null, Mode.ENFORCE);
        for (int i = 0; i < 5; i++) {
            log.append(read(i));
        }
        ObjectName name = new ObjectName(AuditStats.OBJECT_NAME);
        org.awaitility.Awaitility.await()
                .until(() ->
                        (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "EventsWritten") == 6L);
        assertEquals(5L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "EventsQueued"));
        assertEquals(0L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "EventsDropped"));
        log.append(AuditEvent.lifecycle(
                EventType.AGENT_STOP, AuditTestEvents.CALLER, Mode.ENFORCE, Map.of("tools_instrumented", 3)));
        log.close();
        JsonNode stop = ofType(file, "agent_stop").get(0);
        assertEquals(6, stop.get("events_queued").asLong());
        assertEquals(7, stop.get("events_written").asLong(), "file_start, 5 events and itself");
        assertEquals(0, stop.get("events_failed").asLong());
        assertEquals(0, stop.get("events_dropped").asLong());
        assertEquals(3, stop.get("tools_instrumented").asLong());
    }

    @Test
    void eventsAfterCloseAreStillWritten() throws Exception {
        Path file = dir.resolve("late.jsonl");
        AuditPipeline log = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
        log.close();
        assertTrue(log.append(read("late")));
        assertEquals(2, lines(file).size());
        assertTrue(ChainVerifier.verify(List.of(file)).ok());
    }

    @Test
    void theQueueIsBoundedAndAFullQueueDropsAfterTheWaitAndRecordsTheGap() throws Exception {
        Path file = dir.resolve("full.jsonl");
        FlakyStorage storage = new FlakyStorage();
        AuditPipeline log = AuditPipeline.open(
                settings(file).withQueue(16, Duration.ofMillis(50)), null, null, Mode.ENFORCE, storage::open);
        storage.slow = true;
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            if (!log.append(read(i))) {
                refused++;
            }
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(refused > 0, "a full queue must refuse after the wait");
        assertTrue(log.problem() == null || log.problem().contains("queue"), log.problem());
        assertEquals(refused, log.dropped());
        assertTrue(elapsedMillis < 200L * 50 + 5_000, "each refusal waits about the configured 50 ms");
        storage.slow = false;
        org.awaitility.Awaitility.await().until(() -> log.stats().getQueueDepth() == 0);
        assertTrue(log.append(read("after")));
        log.close();
        long recordedDrops = ofType(file, "audit_gap").stream()
                .mapToLong(gap -> gap.get("dropped_events").asLong())
                .sum();
        assertEquals(refused, recordedDrops, "every dropped event is accounted for by audit_gap events");
        assertTrue(ChainVerifier.verify(List.of(file)).ok());
    }
}
