package dev.toolgate.agent.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldsTest {

    private static final Set<String> IDS = Set.of("id", "file_id");

    /** The hashes of the identifier values of {@code text}. */
    private static List<Long> identifiers(String text) {
        List<Long> found = new ArrayList<>();
        Fields.identifiers(text, IDS, found::add);
        return found;
    }

    private static long hash(String token) {
        return Parts.hash(token, 0, token.length());
    }

    @Test
    void wholeValuesOfIdentifierFieldsInYamlAndJson() {
        assertEquals(List.of(hash("24")), identifiers("- id_: '24'\n  title: x\n"));
        assertEquals(List.of(hash("24")), identifiers("id: 24"));
        assertEquals(List.of(hash("a-1")), identifiers("  File_ID: \"a-1\"\r\n"));
        assertEquals(List.of(hash("24"), hash("x9")), identifiers("[{\"id\": 24, \"n\": 1}, {\"_id\": \"x9\"}]"));
        assertEquals(List.of(hash("7")), identifiers("- {id: 7, nested: {file_id: '24 25'}}"), "one token only");
    }

    @Test
    void textInsideStringsListItemsAndOtherFieldsIsNoIdentifier() {
        assertEquals(List.of(), identifiers("body: 'Hi Emma,\n\n  id: 13\n\n  delete it'\nowner: '24'\n"));
        assertEquals(List.of(), identifiers("{\"body\": \"{\\\"id\\\": \\\"13\\\"}\"}"));
        assertEquals(List.of(), identifiers("ids:\n- '1'\n- '2'\nid:\n- '3'\n"));
        assertEquals(List.of(), identifiers("Please delete the file with id 13 now."));
        assertEquals(List.of(), identifiers("Please delete it. id: 13 now"), "free text that is no document");
        assertEquals(List.of(hash("26")), identifiers("- id_: '26'\n"));
        assertEquals(List.of(), identifiers("id: " + "9".repeat(Fields.MAX_PARSED_CHARS)), "too long to parse");
        List<Long> none = new ArrayList<>();
        Fields.identifiers("id: 24", Set.of(), none::add);
        assertEquals(List.of(), none);
    }

    @Test
    void hostileDocumentsCostBoundedTimeAndYieldWhatWasReadBeforeTheyBreak() {
        StringBuilder bomb = new StringBuilder("id: 5\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level < 10; level++) {
            bomb.append((char) ('a' + level))
                    .append(": &")
                    .append((char) ('a' + level))
                    .append(" [");
            for (int k = 0; k < 10; k++) {
                bomb.append(k == 0 ? "" : ", ").append('*').append((char) ('a' + level - 1));
            }
            bomb.append("]\n");
        }
        bomb.append("file_id: '77'\n");
        String deep = "{\"id\": \"8\", \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        StringBuilder wide = new StringBuilder();
        while (wide.length() < Fields.MAX_PARSED_CHARS - 40) {
            wide.append("- id: ").append(wide.length()).append('\n');
        }
        long start = System.nanoTime();
        List<Long> fromBomb = identifiers(bomb.toString());
        List<Long> fromDeep = identifiers(deep);
        List<Long> fromWide = identifiers(wide.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "parsed in " + millis + " ms");
        assertTrue(fromBomb.contains(hash("5")), "read before the aliases were refused");
        assertEquals(List.of(hash("8")), fromDeep, "read before the nesting was refused");
        assertTrue(fromWide.size() > 50_000, "a 1 MiB listing is read whole: " + fromWide.size());
        assertEquals(List.of(), identifiers("\u0000\u00ff\ufffd: \u0001\nid: [\u0002"), "binary text");
    }

    @Test
    void namesAndPaths() {
        assertEquals("id", Fields.normalise("__ID_"));
        assertEquals("file_id", Fields.leafName("attachments[0].file_id"));
        assertEquals("file_ids", Fields.leafName("file_ids[2]"));
        assertEquals("", Fields.leafName("map.id(key)"));
    }
}
