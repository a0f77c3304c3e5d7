package dev.toolgate.agent.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dispatched arguments are read as one bounded JSON object into plain named values, or refused. */
class ToolArgumentsTest {

    @Test
    void anObjectBecomesNamedValuesInItsOrder() throws Exception {
        ToolArguments read = ToolArguments.parse(
                "{\"to\": \"ops@corp.example\", \"n\": 3, \"ratio\": 0.5, \"tags\": [\"a\", null], \"meta\": {\"x\": true}}");
        assertEquals(List.of("to", "n", "ratio", "tags", "meta"), read.names());
        assertEquals(
                List.of("ops@corp.example", 3, new BigDecimal("0.5"), Arrays.asList("a", null), Map.of("x", true)),
                Arrays.asList(read.values()));
    }

    @Test
    void blankTextIsNoArguments() throws Exception {
        assertEquals(List.of(), ToolArguments.parse("  ").names());
        assertEquals(List.of(), ToolArguments.parse(null).names());
        assertEquals(List.of(), ToolArguments.parse("{}").names());
    }

    @Test
    void whatIsNotOneObjectWithinTheBoundsIsRefusedSayingWhy() {
        assertRefused("rm -rf /", "not valid JSON");
        assertRefused("[\"rm\"]", "not a JSON object");
        assertRefused("\"rm\"", "not a JSON object");
        assertRefused("{\"a\": 1", "not valid JSON");
        assertRefused("{\"a\": 1}{\"a\": 2}", "more than one JSON value");
        assertRefused("{\"a\": {\"b\": 1, \"b\": 2}}", "Duplicate field 'b'");
        assertRefused("{\"a\":" + "[".repeat(65) + "]".repeat(65) + "}", "nesting deeper than 64");
        assertRefused("{\"a\":\"" + "x".repeat(ToolArguments.MAX_CHARS) + "\"}", "at most " + ToolArguments.MAX_CHARS);
    }

    @Test
    void tenThousandLevelsAreRefusedWithoutRecursingIntoThem() {
        String deep = "{\"a\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001);
        assertRefused(deep, "nesting deeper than 64");
    }

    /** The fast reading of flat objects reads exactly what the full reader reads, or leaves the text to it. */
    @Test
    void theFlatReadingAgreesWithTheFullReader() throws Exception {
        List<String> samples = new java.util.ArrayList<>(List.of(
                "{}",
                " { } ",
                "{\"a\":1}",
                "{\"a\": -0}",
                "{\"a\": 2147483647}",
                "{\"a\": 2147483648}",
                "{\"a\": -2147483649}",
                "{\"a\": 999999999999999999}",
                "{\"a\": 9999999999999999999}",
                "{\"a\": 01}",
                "{\"a\": 1.5}",
                "{\"a\": 1e3}",
                "{\"a\": -}",
                "{\"a\": true, \"b\": false}",
                "{\"a\": null}",
                "{\"a\": \"x\\ny\"}",
                "{\"a\": \"tab\there\"}",
                "{\"a\": \"é ü 漢\"}",
                "{\"a\": \"\ud83d\ude00\"}",
                "{\"a\": \"x\", \"a\": \"y\"}",
                "{\"a\": \"x\",}",
                "{\"a\" \"x\"}",
                "{\"a\": \"x\"} x",
                "{\"a\": [1]}",
                "{\"a\": {\"b\": 1}}",
                "{a: 1}",
                "{\"a\": tru}",
                "{\"a\": nulls}",
                "{\"a\": \"unterminated}",
                "\t{\"a\":\r\n\"b\"}\n"));
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ab \"\\:,{}[]01-9.eEtrufalsn\u0001é";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder("{");
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            samples.add(text.append('}').toString());
        }
        for (String sample : samples) {
            ToolArguments flat = FlatJson.read(sample);
            if (flat == null) {
                continue;
            }
            ToolArguments full = ToolArguments.strict(sample);
            assertEquals(full.names(), flat.names(), sample);
            assertEquals(Arrays.asList(full.values()), Arrays.asList(flat.values()), sample);
            for (int v = 0; v < full.values().length; v++) {
                Object expected = full.values()[v];
                assertEquals(
                        expected == null ? null : expected.getClass(),
                        flat.values()[v] == null ? null : flat.values()[v].getClass(),
                        sample);
            }
        }
        assertEquals(
                List.of("a", "b"), FlatJson.read("{\"a\": 1, \"b\": \"x\"}").names());
        for (String sample : samples) {
            ToolArguments first = FlatJson.read(sample);
            if (first == null) {
                continue;
            }
            ToolArguments again = FlatJson.read(sample, first.names());
            assertEquals(first.names(), again.names(), sample);
            assertEquals(Arrays.asList(first.values()), Arrays.asList(again.values()), sample);
        }
    }

    @Test
    void theLastCallsNamesAreReusedOnlyWhenTheKeysAreExactlyThem() throws Exception {
        List<String> last = List.of("to", "subject");
        assertTrue(
                ToolArguments.parse("{\"to\": \"a\", \"subject\": \"b\"}", last).names() == last);
        assertEquals(
                List.of("to", "body"),
                ToolArguments.parse("{\"to\": \"a\", \"body\": \"b\"}", last).names());
        assertEquals(
                List.of("subject", "to"),
                ToolArguments.parse("{\"subject\": \"a\", \"to\": \"b\"}", last).names());
        assertEquals(List.of("to"), ToolArguments.parse("{\"to\": \"a\"}", last).names());
        assertEquals(
                List.of("to", "subject", "cc"),
                ToolArguments.parse("{\"to\": 1, \"subject\": 2, \"cc\": 3}", last)
                        .names());
        assertEquals(
                List.of("tox"),
                ToolArguments.parse("{\"tox\": 1}", List.of("to")).names());
        ToolArguments.Unreadable duplicate = assertThrows(
                ToolArguments.Unreadable.class,
                () -> ToolArguments.parse("{\"to\": 1, \"to\": 2}", List.of("to", "to")));
        assertTrue(duplicate.getMessage().contains("Duplicate field 'to'"), duplicate.getMessage());
    }

    private static void assertRefused(String json, String why) {
        ToolArguments.Unreadable refused =
                assertThrows(ToolArguments.Unreadable.class, () -> ToolArguments.parse(json));
        assertTrue(refused.getMessage().contains(why), why + " in: " + refused.getMessage());
    }
}
