package dev.toolgate.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueRendererTest {

    private static JsonNode render(Object value) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            new ValueRenderer().write(json, value);
        }
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void plainValuesKeepTheirJsonTypes() throws Exception {
        JsonNode node = render(Map.of("n", 3, "s", "x", "b", true, "l", List.of(1, 2)));
        assertEquals(3, node.get("n").asInt());
        assertEquals("x", node.get("s").asText());
        assertTrue(node.get("b").asBoolean());
        assertEquals(2, node.get("l").size());
    }

    @Test
    void deepNestingIsCutWithAMarker() throws Exception {
        Object nested = "bottom";
        for (int i = 0; i < 10_000; i++) {
            nested = List.of(nested);
        }
        String text = render(nested).toString();
        assertTrue(text.contains("too deep"), text);
    }

    @Test
    void cyclesAreNamedNotFollowed() throws Exception {
        Map<String, Object> map = new HashMap<>();
        List<Object> list = new ArrayList<>();
        map.put("list", list);
        list.add(map);
        assertTrue(render(map).toString().contains("[cycle: java.util.HashMap]"));
    }

    @Test
    void throwingToStringIsReportedNotPropagated() throws Exception {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        assertTrue(render(hostile).asText().contains("toString() threw java.lang.IllegalStateException"));
    }

    @Test
    void hugeStringsAreTruncatedWithTheCutLength() throws Exception {
        String huge = "a".repeat(16 * 1024 * 1024);
        String rendered = render(huge).asText();
        assertTrue(rendered.length() < ValueRenderer.MAX_STRING_CHARS + 100);
        assertTrue(rendered.endsWith("[truncated: " + (huge.length() - ValueRenderer.MAX_STRING_CHARS)
                + " more chars]"), rendered.substring(rendered.length() - 60));
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() throws Exception {
        assertEquals("a\uFFFDb\uFFFD\uD83D\uDE00", render("a\uD800b\uDC00\uD83D\uDE00").asText());
    }

    @Test
    void nulNewlinesAndQuotesStayInsideOneJsonString() throws Exception {
        assertEquals("x\u0000\n\"y", render("x\u0000\n\"y").asText());
    }

    @Test
    void largeCollectionsAreCut() throws Exception {
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(i);
        }
        JsonNode node = render(many);
        assertEquals(ValueRenderer.MAX_ELEMENTS + 1, node.size());
        assertEquals("[9900 more elements]", node.get(ValueRenderer.MAX_ELEMENTS).asText());
    }
}
