package dev.toolgate.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncFileAuditLogTest {

    @TempDir
    Path dir;

    private static final ToolDescriptor TOOL = new ToolDescriptor(0, "sql_read", "demo.Tools", "sqlRead",
            List.of("query"), RiskLevel.READ, ToolSource.AGENT_TOOL);

    @Test
    void everyEventFromManyThreadsIsWrittenOnceInSequence() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AsyncFileAuditLog log = AsyncFileAuditLog.open(file, "p.yaml", "abc");
        int threads = 8;
        int perThread = 20_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    log.append(AuditEvent.decision(new Caller("a", "r", "s"), TOOL,
                            new Object[] {thread + ":" + i},
                            Decision.allow(RiskLevel.READ, "ok", "roles.r.allowed_tools"), Mode.ENFORCE));
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        log.close();

        List<String> lines = Files.readAllLines(file);
        assertEquals(threads * perThread, lines.size());
        ObjectMapper json = new ObjectMapper();
        Set<String> seen = new HashSet<>();
        long expectedSeq = 1;
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertEquals(expectedSeq++, event.get("seq").asLong());
            seen.add(event.get("params").get("query").asText());
            assertEquals("read", event.get("risk_level").asText());
            assertEquals("sql_read", event.get("tool").asText());
        }
        assertEquals(threads * perThread, seen.size());
        assertEquals(threads * perThread, log.written());
        assertEquals(0, log.failed());
    }

    @Test
    void eventsAfterCloseAreStillWritten() throws Exception {
        Path file = dir.resolve("late.jsonl");
        AsyncFileAuditLog log = AsyncFileAuditLog.open(file, null, null);
        log.close();
        log.append(AuditEvent.lifecycle(EventType.AGENT_STOP, new Caller("a", null, "s"), Mode.ENFORCE,
                java.util.Map.of("k", 1)));
        assertEquals(1, Files.readAllLines(file).size());
    }
}
