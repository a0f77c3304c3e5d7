package dev.toolgate.agent.audit;

import static dev.toolgate.agent.audit.AuditTestEvents.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile arguments and results: each call still gives one valid, chained JSON line, never a broken file. */
class BadInputTest {

    private static final ToolDescriptor TOOL = new ToolDescriptor(
            7, "ingest", "demo.Tools", "ingest", List.of("value"), RiskLevel.MODIFY, ToolSource.AGENT_TOOL);

    @TempDir
    Path dir;

    static Stream<Arguments> hostileValues() {
        Map<String, Object> cyclic = new HashMap<>();
        List<Object> back = new ArrayList<>();
        cyclic.put("self", cyclic);
        cyclic.put("list", back);
        back.add(cyclic);
        Object throwingToString = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        Object errorInToString = new Object() {
            @Override
            public String toString() {
                throw new LinkageError("broken class");
            }
        };
        Object recursiveToString = new Object() {
            @Override
            public String toString() {
                return "me:" + this;
            }
        };
        Map<String, Object> unreadableMap = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                throw new UnsupportedOperationException("not today");
            }
        };
        return Stream.of(
                Arguments.of("newlines", "line one\nline two\r\n\u2028\u0000end", "line one\nline two"),
                Arguments.of("invalid UTF-16", "a\uD800b\uDFFFc", "a\uFFFDb\uFFFDc"),
                Arguments.of("16 MB value", "x".repeat(16 * 1024 * 1024), "…[truncated: "),
                Arguments.of("cyclic objects", cyclic, "[cycle: java.util.HashMap]"),
                Arguments.of("toString throws", throwingToString, ".toString() threw java.lang.IllegalStateException"),
                Arguments.of("toString throws an Error", errorInToString, ".toString() threw java.lang.LinkageError"),
                Arguments.of(
                        "toString recurses forever",
                        recursiveToString,
                        ".toString() threw java.lang.StackOverflowError"),
                Arguments.of("map that cannot be read", unreadableMap, "[unreadable: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void oneValidChainedJsonLineForEachCall(String what, Object hostile, String expectedInLine) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditPipeline log = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
        Decision decision = Decision.allow(RiskLevel.MODIFY, "ok", "roles.r.allowed_tools");
        assertTrue(log.append(
                AuditEvent.decision(AuditTestEvents.CALLER, TOOL, new Object[] {hostile}, decision, Mode.ENFORCE)));
        assertTrue(log.append(
                AuditEvent.outcome(AuditTestEvents.CALLER, TOOL, decision, Mode.ENFORCE, hostile, null, 1_000)));
        log.close();

        List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, raw.size(), "file_start and one line per event");
        for (String line : raw) {
            AuditTestEvents.JSON.readTree(line);
            assertTrue(line.length() < 64 * 1024, "bounded: " + line.length() + " chars");
        }
        JsonNode decisionLine = AuditTestEvents.JSON.readTree(raw.get(1));
        String rendered = decisionLine.get("params").get("value").toString();
        String text = decisionLine.get("params").get("value").isTextual()
                ? decisionLine.get("params").get("value").asText()
                : rendered;
        assertTrue(text.contains(expectedInLine), what + ": " + text.substring(0, Math.min(300, text.length())));
        assertTrue(AuditTestEvents.JSON.readTree(raw.get(2)).has("result"));
        ChainVerifier.Result result = ChainVerifier.verify(List.of(file));
        assertTrue(result.ok(), result.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void truncatedValuesCarryTheHashOfTheFullValue(String what, Object hostile, String expectedInLine)
            throws Exception {
        if (!(hostile instanceof String text) || text.length() < 1_000_000) {
            return;
        }
        Path file = dir.resolve("big.jsonl");
        AuditPipeline log = AuditPipeline.open(settings(file), null, null, Mode.ENFORCE);
        log.append(AuditEvent.decision(
                AuditTestEvents.CALLER,
                TOOL,
                new Object[] {text},
                Decision.allow(RiskLevel.MODIFY, "ok", "r"),
                Mode.ENFORCE));
        log.close();
        String value =
                AuditTestEvents.lines(file).get(1).get("params").get("value").asText();
        String fullHash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(value.endsWith("sha256 of the full value: " + fullHash + "]"), value.substring(8000));
    }
}
