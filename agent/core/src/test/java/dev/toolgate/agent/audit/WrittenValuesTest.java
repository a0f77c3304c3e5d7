package dev.toolgate.agent.audit;

import static dev.toolgate.agent.audit.AuditTestEvents.CALLER;
import static dev.toolgate.agent.audit.AuditTestEvents.DELETE_TOOL;
import static dev.toolgate.agent.audit.AuditTestEvents.READ_TOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.alert.Alert;
import dev.toolgate.agent.alert.AlertChannel;
import dev.toolgate.agent.alert.AlertDispatcher;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.audit.chain.EventHash;
import dev.toolgate.agent.audit.file.AppendOnlyFile;
import dev.toolgate.agent.audit.file.AuditFileSink;
import dev.toolgate.agent.audit.file.Rotation;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments and results may use any member name, the line's own included, and they are rendered before
 * {@code seq} and {@code timestamp}: what listeners get must be the event's values all the same.
 */
class WrittenValuesTest {

    @TempDir
    Path dir;

    /** The line's own member names, with string and number values, at the top and nested. */
    static Map<String, Object> hostile(int variant) {
        boolean strings = variant % 2 == 0;
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("seq", strings ? "nested" : 123_456);
        nested.put("timestamp", strings ? "2001-01-01T00:00:00.000000Z" : 0);
        nested.put("hash", "f".repeat(64));
        nested.put("prev_hash", strings ? "e".repeat(64) : 12);
        nested.put("event_type", strings ? "error" : 3);
        nested.put("decision", "deny");
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("seq", strings ? "x" : 999_999);
        arguments.put("timestamp", strings ? "1999-12-31T23:59:59.000000Z" : 946_684_799);
        arguments.put("hash", "0".repeat(64));
        arguments.put("prev_hash", strings ? "0".repeat(64) : 7);
        arguments.put("event_type", strings ? "error" : 1);
        arguments.put("decision", "deny");
        arguments.put("risk_level", "read");
        arguments.put("tool", "not_the_tool");
        arguments.put("nested", nested);
        arguments.put("list", List.of(nested, Map.of("seq", "deeper")));
        return arguments;
    }

    private record Told(WrittenEvent values, AuditEvent event, String line) {}

    private static final class Recorder implements AuditListener {
        final List<Told> told = new ArrayList<>();

        @Override
        public void batchWritten(WrittenBatch batch) {
            for (int i = 0; i < batch.size(); i++) {
                told.add(new Told(batch.values(i), batch.event(i), batch.line(i)));
            }
        }
    }

    private static AuditEvent hostileRead(int variant) {
        return AuditEvent.decision(
                CALLER,
                READ_TOOL,
                new Object[] {hostile(variant)},
                Decision.allow(RiskLevel.READ, "ok", "roles.data_agent.allowed_tools"),
                Mode.ENFORCE);
    }

    private static AuditEvent hostileDelete(int variant) {
        return AuditEvent.decision(
                CALLER,
                DELETE_TOOL,
                new Object[] {hostile(variant)},
                Decision.deny(RiskLevel.DELETE, "dropping tables is denied", "roles.data_agent.denied_tools"),
                Mode.ENFORCE);
    }

    private static AuditEvent hostileResult(int variant) {
        return AuditEvent.outcome(
                CALLER,
                READ_TOOL,
                Decision.allow(RiskLevel.READ, "ok", "roles.data_agent.allowed_tools"),
                Mode.ENFORCE,
                hostile(variant),
                null,
                1_500_000);
    }

    /** As the render-ahead thread leaves it when it gets to the event before the writer. */
    private static Submission renderedAhead(AuditEvent event) {
        Submission submission = new Submission(event);
        assertTrue(submission.startRendering());
        submission.rendered(
                new JsonLinesEncoder("p.yaml", "abc").renderAhead(event).withPrefixHashed(new EventHash()));
        return submission;
    }

    @Test
    void listenersGetTheEventsValuesAndTheAlertInTheSameBatchIsSent() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditStats stats = new AuditStats();
        AuditWriter writer = new AuditWriter(
                AuditFileSink.open(file, Rotation.NEVER, AppendOnlyFile::open),
                new JsonLinesEncoder("p.yaml", "abc"),
                stats,
                Mode.ENFORCE,
                50,
                new Object());
        Recorder recorder = new Recorder();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        AlertChannel channel = new AlertChannel() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public void send(Alert alert) {
                alerts.add(alert);
            }
        };
        List<AuditEvent> alertProblems = new CopyOnWriteArrayList<>();
        AlertDispatcher dispatcher =
                new AlertDispatcher(channel, EnumSet.of(RiskLevel.DELETE), alertProblems::add, stats, Mode.ENFORCE);
        writer.addListener(dispatcher);
        writer.addListener(recorder);

        // One batch: the arguments that broke the alert listener come before the DELETE decision.
        List<AuditEvent> first =
                List.of(hostileRead(0), hostileRead(1), hostileResult(0), hostileResult(1), hostileDelete(0));
        Submission[] batch = new Submission[first.size()];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = i % 2 == 0 ? renderedAhead(first.get(i)) : new Submission(first.get(i));
        }
        assertTrue(writer.write(batch, batch.length));
        AuditEvent secondDelete = hostileDelete(1);
        assertTrue(writer.write(new Submission[] {new Submission(hostileRead(1)), new Submission(secondDelete)}, 2));
        writer.close();

        assertTrue(
                ChainVerifier.verify(List.of(file)).ok(),
                ChainVerifier.verify(List.of(file)).toString());
        List<String> lines = Files.readAllLines(file);
        assertEquals(8, lines.size(), "file_start, five events, then two");
        assertEquals(lines.size(), recorder.told.size());
        for (int i = 0; i < lines.size(); i++) {
            Told told = recorder.told.get(i);
            JsonNode line = AuditTestEvents.JSON.readTree(lines.get(i));
            assertEquals(lines.get(i), told.line(), "the line as written");
            assertEquals(i + 1, told.values().seq());
            assertEquals(i + 1, line.get("seq").asLong());
            assertEquals(
                    Instant.parse(line.get("timestamp").asText()), told.values().timestamp());
            assertEquals(
                    told.event().timestamp().truncatedTo(ChronoUnit.MICROS),
                    told.values().timestamp());
            assertEquals(line.get("event_type").asText(), told.values().type().wireName());
            assertEquals(
                    line.get("decision").isNull() ? null : line.get("decision").asText(),
                    told.values().decision() == null
                            ? null
                            : told.values().decision().wireName());
        }
        assertEquals(EventType.FILE_START, recorder.told.get(0).values().type());
        assertNull(recorder.told.get(0).values().decision());
        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), recorder.told.get(i + 1).event());
        }
        assertEquals(
                List.of(
                        EventType.DECISION,
                        EventType.DECISION,
                        EventType.TOOL_RESULT,
                        EventType.TOOL_RESULT,
                        EventType.DECISION,
                        EventType.DECISION,
                        EventType.DECISION),
                recorder.told.stream().skip(1).map(told -> told.values().type()).toList());
        assertEquals(Outcome.DENY, recorder.told.get(5).values().decision());
        JsonNode hostileLine = AuditTestEvents.JSON.readTree(lines.get(1));
        assertEquals("x", hostileLine.get("params").findValue("seq").asText(), "the argument is in the line");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> alerts.size() == 2);
        dispatcher.close(1_000);
        assertEquals(List.of(), alertProblems);
        assertEquals(List.of(6L, 8L), alerts.stream().map(Alert::seq).toList());
        assertEquals(lines.get(5), alerts.get(0).event());
        assertEquals(lines.get(7), alerts.get(1).event());
        assertEquals(
                "Toolgate: deny delete tool 'sql_drop' for role 'data_agent' (agent agent-1, session"
                        + " session-1, seq 6): dropping tables is denied",
                alerts.get(0).summary());
        assertTrue(alerts.get(1).summary().contains(", seq 8): "), alerts.get(1).summary());
        assertEquals(2, stats.getAlertsSent());
    }

    @Test
    void throughThePipelineTheChainVerifiesAndEveryListenerValueMatchesItsLine() throws Exception {
        Path file = dir.resolve("pipeline.jsonl");
        AuditPipeline log = AuditPipeline.open(AuditTestEvents.settings(file), null, null, Mode.ENFORCE);
        Recorder recorder = new Recorder();
        log.addListener(recorder);
        for (int i = 0; i < 2_000; i++) {
            AuditEvent event = switch (i % 3) {
                case 0 -> hostileRead(i);
                case 1 -> hostileResult(i);
                default -> hostileDelete(i);
            };
            assertTrue(log.append(event));
        }
        log.close();

        assertTrue(ChainVerifier.verify(List.of(file)).ok());
        List<String> lines = Files.readAllLines(file);
        assertEquals(2_001, lines.size());
        assertEquals(lines.size(), recorder.told.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = AuditTestEvents.JSON.readTree(lines.get(i));
            WrittenEvent values = recorder.told.get(i).values();
            assertEquals(i + 1, values.seq());
            assertEquals(line.get("seq").asLong(), values.seq());
            assertEquals(Instant.parse(line.get("timestamp").asText()), values.timestamp());
            assertEquals(line.get("event_type").asText(), values.type().wireName());
        }

        // A restart continues the chain from the last line's own seq and hash.
        AuditPipeline again = AuditPipeline.open(AuditTestEvents.settings(file), null, null, Mode.ENFORCE);
        Recorder after = new Recorder();
        again.addListener(after);
        assertTrue(again.append(hostileDelete(1)));
        again.close();
        assertTrue(ChainVerifier.verify(List.of(file)).ok());
        assertEquals(
                List.of(2_002L),
                after.told.stream().map(told -> told.values().seq()).toList());
    }
}
