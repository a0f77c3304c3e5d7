package dev.toolgate.agent.audit.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.WrittenEvent;
import dev.toolgate.agent.decision.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpoolRecordTest {

    /** A line whose arguments carry every member name a reader could be fooled by, before the real ones. */
    private static final String HOSTILE_LINE = "{\"decision\":\"allow\",\"event_type\":\"decision\","
            + "\"params\":{\"args\":{\"event_type\":\"error\",\"hash\":\"0\",\"prev_hash\":\"0\",\"seq\":\"99\","
            + "\"timestamp\":\"1999-12-31T23:59:59.000000Z\"},\"decision\":\"deny\",\"seq\":7,"
            + "\"timestamp\":12},\"seq\":42,\"timestamp\":\"2025-01-31T12:00:00.123456Z\",\"hash\":\"ab\"}";

    private static final WrittenEvent VALUES =
            new WrittenEvent(42, Instant.parse("2025-01-31T12:00:00.123456Z"), EventType.DECISION, Outcome.ALLOW);

    private static byte[] records(List<WrittenEvent> values, List<String> lines) {
        SpoolRecord.Writer writer = new SpoolRecord.Writer();
        for (int i = 0; i < values.size(); i++) {
            byte[] line = ("xx" + lines.get(i) + "yy").getBytes(StandardCharsets.UTF_8);
            writer.add(values.get(i), line, 2, line.length - 4);
        }
        return Arrays.copyOf(writer.bytes(), writer.size());
    }

    private static String line(byte[] bytes, SpoolRecord record) {
        return new String(bytes, record.lineStart(), record.lineLength(), StandardCharsets.UTF_8);
    }

    @Test
    void valuesTravelInTheHeaderAndTheLineIsKeptByteForByte() {
        WrittenEvent error = new WrittenEvent(43, Instant.parse("2025-01-31T12:00:01Z"), EventType.ERROR, null);
        byte[] bytes = records(List.of(VALUES, error), List.of(HOSTILE_LINE, "{\"é\":\"ü\"}"));
        assertEquals(
                "@1 42 1738324800.123456 decision allow " + HOSTILE_LINE.length() + " " + HOSTILE_LINE
                        + "\n@1 43 1738324801.000000 error - 11 {\"é\":\"ü\"}\n",
                new String(bytes, StandardCharsets.UTF_8));

        SpoolRecord first = SpoolRecord.read(bytes, 0, bytes.length);
        assertEquals(VALUES, first.values(), "the values written, not the line's nested seq 7 or 99");
        assertEquals(HOSTILE_LINE, line(bytes, first));
        SpoolRecord second = SpoolRecord.read(bytes, first.end(), bytes.length);
        assertEquals(error, second.values());
        assertEquals("{\"é\":\"ü\"}", line(bytes, second));
        assertEquals(bytes.length, second.end());
        assertNull(SpoolRecord.read(bytes, second.end(), bytes.length));
    }

    @Test
    void aRecordCutAnywhereIsIncompleteNeverWrongOrDamaged() {
        byte[] bytes = records(
                List.of(VALUES, new WrittenEvent(43, VALUES.timestamp(), EventType.TOOL_RESULT, Outcome.ALLOW)),
                List.of(HOSTILE_LINE, HOSTILE_LINE));
        int firstEnd = SpoolRecord.read(bytes, 0, bytes.length).end();
        for (int cut = 0; cut < bytes.length; cut++) {
            SpoolRecord record = SpoolRecord.read(bytes, 0, cut);
            if (cut < firstEnd) {
                assertNull(record, "cut at " + cut);
            } else {
                assertEquals(VALUES, record.values());
                assertNull(SpoolRecord.read(bytes, record.end(), cut), "cut at " + cut);
            }
        }
    }

    @Test
    void aDamagedRecordIsSkippedToTheNextLine() {
        byte[] good = records(List.of(VALUES), List.of(HOSTILE_LINE));
        String goodText = new String(good, StandardCharsets.UTF_8);
        for (String damage : List.of(
                "@1 42 1738324800.123456 decision allow 5 {\"a\":1}\n", // length does not match
                "@1 x 1738324800.123456 decision allow 7 {\"a\":1}\n", // seq not a number
                "@1 42 1738324800.12 decision allow 7 {\"a\":1}\n", // not six digits of micros
                "@1 42 1738324800.123456 gossip allow 7 {\"a\":1}\n", // no such event type
                "@1 42 1738324800.123456 decision maybe 7 {\"a\":1}\n", // no such decision
                "@1 42 1738324800.123456 decision allow -7 {\"a\":1}\n",
                "@2 42 1738324800.123456 decision allow 7 {\"a\":1}\n", // a format this reader does not know
                "garbage\n")) {
            byte[] bytes = (damage + goodText).getBytes(StandardCharsets.UTF_8);
            SpoolRecord skipped = SpoolRecord.read(bytes, 0, bytes.length);
            assertTrue(skipped.damaged(), damage);
            assertNull(skipped.values(), damage);
            assertEquals(damage.getBytes(StandardCharsets.UTF_8).length, skipped.end(), damage);
            SpoolRecord next = SpoolRecord.read(bytes, skipped.end(), bytes.length);
            assertEquals(VALUES, next.values(), damage);
            assertEquals(HOSTILE_LINE, line(bytes, next), damage);
        }
    }

    @Test
    void bareLinesOfAnOlderSpoolAreReadWholeAsJson() {
        String notAnEvent = "{\"params\":{\"seq\":1,\"timestamp\":\"2025-01-31T12:00:00.123456Z\","
                + "\"event_type\":\"decision\"}}";
        String duplicateSeq =
                "{\"event_type\":\"decision\",\"seq\":1,\"seq\":2," + "\"timestamp\":\"2025-01-31T12:00:00.123456Z\"}";
        byte[] bytes = ("\n" + HOSTILE_LINE + "\n" + notAnEvent + "\n" + duplicateSeq + "\n{\"torn\":")
                .getBytes(StandardCharsets.UTF_8);

        SpoolRecord blank = SpoolRecord.read(bytes, 0, bytes.length);
        assertNull(blank.values());
        assertFalse(blank.damaged(), "an empty line is nothing, not damage");
        SpoolRecord event = SpoolRecord.read(bytes, blank.end(), bytes.length);
        assertEquals(VALUES, event.values(), "the top-level members, not the nested ones");
        assertEquals(HOSTILE_LINE, line(bytes, event));
        SpoolRecord nested = SpoolRecord.read(bytes, event.end(), bytes.length);
        assertTrue(nested.damaged(), "seq and timestamp only inside params: not an event");
        SpoolRecord duplicate = SpoolRecord.read(bytes, nested.end(), bytes.length);
        assertTrue(duplicate.damaged(), "a repeated member is not read as either value");
        assertNull(SpoolRecord.read(bytes, duplicate.end(), bytes.length), "a torn last line waits for the rest");
    }

    @Test
    void syslogHeadersComeFromTheValues() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] line = HOSTILE_LINE.getBytes(StandardCharsets.UTF_8);
        new SyslogFramer()
                .frame(
                        new WrittenEvent(
                                42, Instant.parse("2025-01-31T12:00:00.123456Z"), EventType.DECISION, Outcome.DENY),
                        line,
                        0,
                        line.length,
                        true,
                        out);
        String frame = out.toString(StandardCharsets.UTF_8);
        String message = frame.substring(frame.indexOf(' ') + 1);
        assertEquals(
                Integer.parseInt(frame.substring(0, frame.indexOf(' '))),
                message.getBytes(StandardCharsets.UTF_8).length,
                "octet count");
        assertTrue(
                message.matches("<108>1 2025-01-31T12:00:00\\.123456Z \\S+ toolgate \\d+ decision "
                        + "\\[toolgate@32473 seq=\"42\" resent=\"1\"] \\Q" + HOSTILE_LINE + "\\E"),
                message);

        out.reset();
        new SyslogFramer()
                .frame(
                        new WrittenEvent(7, Instant.parse("2025-01-31T12:00:00Z"), EventType.ERROR, Outcome.ALLOW),
                        line,
                        0,
                        line.length,
                        false,
                        out);
        assertTrue(
                out.toString(StandardCharsets.UTF_8).contains(" <107>1 2025-01-31T12:00:00.000000Z "),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void timestampsAreKeptToTheMicrosecondAsInTheLine() {
        WrittenEvent values =
                new WrittenEvent(1, Instant.parse("2025-01-31T12:00:00.123456789Z"), EventType.DECISION, null);
        assertEquals(Instant.parse("2025-01-31T12:00:00.123456Z"), values.timestamp());
        byte[] bytes = records(List.of(values), List.of("{}"));
        SpoolRecord record = SpoolRecord.read(bytes, 0, bytes.length);
        assertNotNull(record);
        assertEquals(values, record.values());
    }
}
