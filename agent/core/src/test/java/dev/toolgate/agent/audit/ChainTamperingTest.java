package dev.toolgate.agent.audit;

import static dev.toolgate.agent.audit.AuditTestEvents.read;
import static dev.toolgate.agent.audit.AuditTestEvents.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.config.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way of tampering with a file is reported at the first bad line, with the right word. */
class ChainTamperingTest {

    @TempDir
    Path dir;

    Path file;
    List<String> lines;

    @BeforeEach
    void writeTenEvents() throws Exception {
        file = dir.resolve("audit.jsonl");
        AuditPipeline log = AuditPipeline.open(settings(file), "p.yaml", "abc", Mode.ENFORCE);
        for (int i = 0; i < 10; i++) {
            log.append(read("select " + i));
        }
        log.close();
        lines = new ArrayList<>(Files.readAllLines(file));
        assertEquals(11, lines.size());
        assertTrue(ChainVerifier.verify(List.of(file)).ok());
    }

    private ChainVerifier.Result verifyAfter(List<String> changed) throws Exception {
        Files.writeString(file, String.join("\n", changed) + "\n");
        return ChainVerifier.verify(List.of(file));
    }

    private static void assertFailure(ChainVerifier.Result result, String where, String word) {
        assertFalse(result.ok(), result.toString());
        assertTrue(result.failure().contains(where + ": " + word), result.failure());
    }

    @Test
    void editedLine() throws Exception {
        lines.set(4, lines.get(4).replace("select 3", "select 9"));
        assertFailure(verifyAfter(lines), "audit.jsonl:5", "edited");
    }

    @Test
    void editedLineWithItsHashRecomputedBreaksTheLinkToTheNext() throws Exception {
        ObjectNode event = (ObjectNode) AuditTestEvents.JSON.readTree(lines.get(4));
        event.put("params", "forged");
        event.remove("hash");
        event.put("hash", independentHash(event));
        lines.set(4, AuditTestEvents.JSON.writeValueAsString(event));
        assertFailure(verifyAfter(lines), "audit.jsonl:6", "edited");
    }

    @Test
    void deletedLine() throws Exception {
        lines.remove(6);
        ChainVerifier.Result result = verifyAfter(lines);
        assertFailure(result, "audit.jsonl:7", "deleted");
        assertTrue(result.failure().contains("seq 7 missing"), result.failure());
    }

    @Test
    void deletedFirstLines() throws Exception {
        assertFailure(verifyAfter(lines.subList(3, lines.size())), "audit.jsonl:1", "deleted");
    }

    @Test
    void reorderedLines() throws Exception {
        String fifth = lines.get(5);
        lines.set(5, lines.get(6));
        lines.set(6, fifth);
        ChainVerifier.Result result = verifyAfter(lines);
        assertFailure(result, "audit.jsonl:6", "reordered");
        assertTrue(result.failure().contains("seq 6 should come here but is at"), result.failure());
    }

    @Test
    void insertedCopy() throws Exception {
        lines.add(8, lines.get(3));
        assertFailure(verifyAfter(lines), "audit.jsonl:9", "inserted");
    }

    @Test
    void insertedForgedEventThatLinksCorrectly() throws Exception {
        ObjectNode forged = (ObjectNode) AuditTestEvents.JSON.readTree(lines.get(4));
        forged.put(
                "prev_hash",
                AuditTestEvents.JSON.readTree(lines.get(4)).get("hash").asText());
        forged.put("seq", 6);
        forged.put("params", "forged");
        forged.remove("hash");
        forged.put("hash", independentHash(forged));
        lines.add(5, AuditTestEvents.JSON.writeValueAsString(forged));
        ChainVerifier.Result result = verifyAfter(lines);
        assertFailure(result, "audit.jsonl:7", "inserted");
        assertTrue(result.failure().contains("seq 6 appears again (first at"), result.failure());
    }

    @Test
    void truncatedLineInTheMiddle() throws Exception {
        lines.set(3, lines.get(3).substring(0, 100));
        assertFailure(verifyAfter(lines), "audit.jsonl:4", "truncated");
    }

    @Test
    void tornLastLineIsNotTampering() throws Exception {
        String content = String.join("\n", lines) + "\n";
        Files.writeString(file, content.substring(0, content.length() - 40));
        ChainVerifier.Result result = ChainVerifier.verify(List.of(file));
        assertTrue(result.ok(), result.toString());
        assertTrue(
                result.notes().stream().anyMatch(note -> note.contains("audit.jsonl:11: torn last line")),
                result.notes().toString());
    }

    @Test
    void lastLinesCutAtALineBoundaryAreNotedAsNoAgentStop() throws Exception {
        ChainVerifier.Result result = verifyAfter(lines.subList(0, 6));
        assertTrue(result.ok());
        assertTrue(result.notes().stream().anyMatch(note -> note.contains("not agent_stop")), result.toString());
    }

    @Test
    void keyOrderAndWhitespaceDoNotMatterOnlyContentDoes() throws Exception {
        JsonMapper pretty =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        JsonNode event = AuditTestEvents.JSON.readTree(lines.get(2));
        lines.set(2, pretty.writeValueAsString(event).replace("\n", " "));
        assertTrue(verifyAfter(lines).ok());
    }

    /**
     * The documented canonical form, computed without any Toolgate code: members sorted, no whitespace, UTF-8.
     * For events without control characters that is what Jackson writes with sorted keys.
     */
    @Test
    void hashesAreReproducibleWithoutToolgate() throws Exception {
        for (String line : lines) {
            ObjectNode event = (ObjectNode) AuditTestEvents.JSON.readTree(line);
            String written = event.remove("hash").asText();
            assertEquals(written, independentHash(event), line);
        }
    }

    static String independentHash(JsonNode withoutHash) throws Exception {
        JsonMapper sorted = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        Object tree = sorted.treeToValue(withoutHash, Object.class);
        byte[] canonical = sorted.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    }
}
