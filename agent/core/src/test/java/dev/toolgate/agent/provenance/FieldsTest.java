package dev.toolgate.agent.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void namesAndPaths() {
        assertEquals("id", Fields.normalise("__ID_"));
        assertEquals("file_id", Fields.leafName("attachments[0].file_id"));
        assertEquals("file_ids", Fields.leafName("file_ids[2]"));
        assertEquals("", Fields.leafName("map.id(key)"));
    }
}
