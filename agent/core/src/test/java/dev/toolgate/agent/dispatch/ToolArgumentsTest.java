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
        assertEquals(List.of("ops@corp.example", 3, new BigDecimal("0.5"), Arrays.asList("a", null),
                Map.of("x", true)), Arrays.asList(read.values()));
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

    private static void assertRefused(String json, String why) {
        ToolArguments.Unreadable refused = assertThrows(ToolArguments.Unreadable.class,
                () -> ToolArguments.parse(json));
        assertTrue(refused.getMessage().contains(why), why + " in: " + refused.getMessage());
    }
}
