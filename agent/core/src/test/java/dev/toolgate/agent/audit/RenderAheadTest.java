package dev.toolgate.agent.audit;

import static dev.toolgate.agent.audit.AuditTestEvents.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.audit.chain.EventHash;
import dev.toolgate.agent.audit.json.CanonicalJsonWriter;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RenderAheadTest {

    @TempDir
    Path dir;

    private static final byte[] PREV =
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static Stream<AuditEvent> events() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previous_file", "audit.jsonl.1");
        details.put("seq", "a detail named like a fixed member");
        Decision approved = Decision.allow(RiskLevel.DELETE, "approved by alice", "roles.ops.approval.rules[0]")
                .withApproval(
                        Outcome.ALLOW,
                        "approved by alice",
                        "roles.ops.approval.rules[0]",
                        new Approval(Approval.APPROVED, "alice", "appr-1"));
        return Stream.of(
                AuditTestEvents.read("SELECT 1"),
                AuditTestEvents.read(Map.of("nested", List.of(1, 2.5, true, "ünïcödé \u2028 \"quoted\""))),
                AuditTestEvents.delete("x".repeat(200_000)),
                AuditTestEvents.read("key AKIAABCDEFGHIJKLMNOP in text"),
                AuditEvent.decision(
                        AuditTestEvents.CALLER,
                        AuditTestEvents.DELETE_TOOL,
                        new Object[] {"t"},
                        approved,
                        Mode.ENFORCE),
                AuditEvent.outcome(
                        AuditTestEvents.CALLER,
                        AuditTestEvents.READ_TOOL,
                        approved,
                        Mode.MONITOR,
                        List.of("row"),
                        null,
                        12_345),
                AuditEvent.lifecycle(EventType.FILE_START, null, Mode.ENFORCE, details));
    }

    @ParameterizedTest
    @MethodSource("events")
    void anEventRenderedAheadAndSplicedIsByteForByteWhatTheWriterRenders(AuditEvent event) {
        CanonicalJsonWriter byWriter = new CanonicalJsonWriter(64);
        byWriter.startDocument();
        new JsonLinesEncoder("p.yaml", "abc").encode(byWriter, event, 123_456_789L, PREV);

        JsonLinesEncoder ahead = new JsonLinesEncoder("p.yaml", "abc");
        ahead.renderAhead(AuditTestEvents.read("something else first")); // the scratch buffer is reused
        RenderedEvent rendered = ahead.renderAhead(event);
        CanonicalJsonWriter spliced = new CanonicalJsonWriter(64);
        rendered.spliceInto(spliced, 123_456_789L, PREV);

        assertEquals(
                new String(byWriter.toByteArray(), StandardCharsets.UTF_8),
                new String(spliced.toByteArray(), StandardCharsets.UTF_8));
        assertArrayEquals(byWriter.toByteArray(), spliced.toByteArray());

        EventHash hash = new EventHash();
        byte[] whole = new byte[64];
        hash.hexInto(byWriter.bytes(), 0, byWriter.size(), whole);
        RenderedEvent begun = rendered.withPrefixHashed(hash);
        assertTrue(
                begun.hashedBytes() > 0 && begun.hashedBytes() % 64 == 0 && begun.hashedBytes() <= begun.prevHashAt(),
                "whole blocks before prev_hash: " + begun.hashedBytes());
        byte[] finished = new byte[64];
        begun.hashInto(hash, spliced.bytes(), 0, spliced.size(), finished);
        assertEquals(new String(whole, StandardCharsets.US_ASCII), new String(finished, StandardCharsets.US_ASCII));
    }

    @Test
    void whenTheWriterFallsBehindEventsAreRenderedAheadAndTheChainStaysWhole() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditPipeline log = AuditPipeline.open(
                AuditTestEvents.settings(file).withQueue(64, java.time.Duration.ofSeconds(30)),
                "p.yaml",
                "abc",
                Mode.ENFORCE);
        int threads = 8;
        int perThread = 10_000;
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread caller = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    assertTrue(log.append(AuditTestEvents.read(thread + ":" + i)));
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        log.close();

        assertTrue(
                log.stats().getEventsRenderedAhead() > 0,
                "a 64-event queue and 8 threads: the writer is" + " behind and events are rendered ahead");
        List<JsonNode> events = lines(file);
        assertEquals(threads * perThread + 1, events.size());
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).get("seq").asLong());
            seen.add(events.get(i).get("params").get("query").asText());
        }
        assertEquals(threads * perThread, seen.size());
        ChainVerifier.Result verified = ChainVerifier.verify(List.of(file));
        assertTrue(verified.ok(), verified.toString());
    }
}
