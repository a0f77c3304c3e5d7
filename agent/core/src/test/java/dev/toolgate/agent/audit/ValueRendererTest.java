package dev.toolgate.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.audit.json.CanonicalJsonWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueRendererTest {

    private static JsonNode render(Object value) throws Exception {
        CanonicalJsonWriter json = new CanonicalJsonWriter(64);
        new ValueRenderer().write(json, value);
        return new ObjectMapper().readTree(json.toByteArray());
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
    void hugeStringsAreTruncatedWithTheCutLengthAndTheHashOfTheFullValue() throws Exception {
        String huge = "a".repeat(16 * 1024 * 1024 - 1) + "\u00e9";
        String rendered = render(huge).asText();
        assertTrue(rendered.length() < ValueRenderer.MAX_STRING_CHARS + 200);
        String fullHash = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(
                rendered.endsWith("[truncated: " + (huge.length() - ValueRenderer.MAX_STRING_CHARS)
                        + " more chars; sha256 of the full value: " + fullHash + "]"),
                rendered.substring(rendered.length() - 150));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() throws Exception {
        String text = "a".repeat(ValueRenderer.MAX_STRING_CHARS - 1) + "\uD83D\uDE00" + "tail";
        String rendered = render(text).asText();
        assertFalse(rendered.contains("\uFFFD"), "no broken character at the cut");
        assertTrue(rendered.startsWith("a".repeat(ValueRenderer.MAX_STRING_CHARS - 1) + "…[truncated: 6 more"));
    }

    @Test
    void toStringReturningNullIsNamed() throws Exception {
        Object nullish = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        assertTrue(render(nullish).asText().endsWith(".toString() returned null]"));
    }

    @Test
    void mapKeysAreSortedAndKeysThatPrintAlikeStayDistinct() throws Exception {
        Map<Object, Object> map = new java.util.LinkedHashMap<>();
        map.put("b", 1);
        map.put(1, "number key");
        map.put("1", "string key");
        map.put("a", 2);
        CanonicalJsonWriter json = new CanonicalJsonWriter(64);
        new ValueRenderer().write(json, map);
        assertEquals(
                "{\"1\":\"number key\",\"1 #2\":\"string key\",\"a\":2,\"b\":1}",
                new String(json.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void numbersOutsideTheSafeIntegerRangeAndFractionsAreStrings() throws Exception {
        JsonNode node =
                render(java.util.List.of(Long.MAX_VALUE, 1.5, (1L << 53) - 1, new java.math.BigDecimal("2.50")));
        assertEquals("9223372036854775807", node.get(0).textValue());
        assertEquals("1.5", node.get(1).textValue());
        assertEquals((1L << 53) - 1, node.get(2).longValue());
        assertEquals("2.50", node.get(3).textValue());
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() throws Exception {
        assertEquals(
                "a\uFFFDb\uFFFD\uD83D\uDE00",
                render("a\uD800b\uDC00\uD83D\uDE00").asText());
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
        assertEquals(
                "[9900 more elements]", node.get(ValueRenderer.MAX_ELEMENTS).asText());
    }
}
