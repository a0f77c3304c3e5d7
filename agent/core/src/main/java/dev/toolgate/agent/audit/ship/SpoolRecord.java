package dev.toolgate.agent.audit.ship;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.WrittenEvent;
import dev.toolgate.agent.audit.chain.AuditLines;
import dev.toolgate.agent.decision.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * One event as the spool keeps it: the values the framers need in a short ASCII header, then the line exactly as
 * in the audit file:
 *
 * <pre>@1 SEQ EPOCH_SECOND.MICROS EVENT_TYPE DECISION LENGTH SP LINE LF</pre>
 *
 * MICROS is six digits; DECISION is {@code -} where the event records none. The header is read field by field, and the line is taken
 * by its LENGTH, so the shipper never looks inside a line, whose params and result may hold members named like
 * any of these; a record that does not end where its length says is damaged and skipped.
 *
 * <p>Spools written before records had a header hold bare lines ({@code {…}} LF). Their values are read by
 * parsing the whole line as JSON ({@link AuditLines#parse}: a repeated member is an error), so that only the
 * event's own top-level members count, never keys nested in what the application passed.
 *
 * @param values  the event's values; null when there is nothing to send here (a blank line, or damage)
 * @param damaged the bytes up to {@code end} are a record that cannot be read
 * @param end     where the next record starts
 */
record SpoolRecord(WrittenEvent values, int lineStart, int lineLength, int end, boolean damaged) {

    private static final byte MARK = '@';
    private static final byte VERSION = '1';
    /** Longer than any header written: bytes without one by then are damage, not a header still arriving. */
    private static final int MAX_HEADER = 128;

    private static final EventType[] TYPE_VALUES = EventType.values();
    private static final Outcome[] OUTCOME_VALUES = Outcome.values();
    private static final byte[][] TYPES = names(TYPE_VALUES, EventType::wireName, null);
    /** The outcomes' names, then {@code -} for none. */
    private static final byte[][] DECISIONS = names(OUTCOME_VALUES, Outcome::wireName, "-");

    /**
     * The record at {@code from}, or null when {@code bytes} end before it does (it is still being appended, or
     * the buffer is too small for it).
     */
    static SpoolRecord read(byte[] bytes, int from, int limit) {
        if (from >= limit) {
            return null;
        }
        return switch (bytes[from]) {
            case '\n' -> new SpoolRecord(null, from, 0, from + 1, false);
            case '{' -> bareLine(bytes, from, limit);
            case MARK -> withHeader(bytes, from, limit);
            default -> damagedUpToNewline(bytes, from, limit);
        };
    }

    /** Appends records for the spool: only the writer thread uses one. */
    static final class Writer {

        private byte[] bytes = new byte[64 * 1024];
        private int size;

        void reset() {
            size = 0;
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        void add(WrittenEvent values, byte[] line, int offset, int length) {
            ensure(MAX_HEADER + length + 1);
            bytes[size++] = MARK;
            bytes[size++] = VERSION;
            bytes[size++] = ' ';
            digits(values.seq());
            bytes[size++] = ' ';
            Instant timestamp = values.timestamp();
            digits(timestamp.getEpochSecond());
            bytes[size++] = '.';
            int micros = timestamp.getNano() / 1_000;
            for (int divisor = 100_000; divisor > 0; divisor /= 10) {
                bytes[size++] = (byte) ('0' + micros / divisor % 10);
            }
            bytes[size++] = ' ';
            raw(TYPES[values.type().ordinal()]);
            bytes[size++] = ' ';
            raw(DECISIONS[
                    values.decision() == null
                            ? OUTCOME_VALUES.length
                            : values.decision().ordinal()]);
            bytes[size++] = ' ';
            digits(length);
            bytes[size++] = ' ';
            System.arraycopy(line, offset, bytes, size, length);
            size += length;
            bytes[size++] = '\n';
        }

        private void digits(long value) {
            if (value < 0) {
                bytes[size++] = '-';
            }
            int first = size;
            do {
                bytes[size++] = (byte) ('0' + Math.abs(value % 10));
                value /= 10;
            } while (value != 0);
            for (int i = first, j = size - 1; i < j; i++, j--) {
                byte swap = bytes[i];
                bytes[i] = bytes[j];
                bytes[j] = swap;
            }
        }

        private void raw(byte[] name) {
            System.arraycopy(name, 0, bytes, size, name.length);
            size += name.length;
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }
    }

    private static SpoolRecord withHeader(byte[] bytes, int from, int limit) {
        Header header = new Header(bytes, from + 1, Math.min(limit, from + MAX_HEADER));
        if (!header.expect(VERSION) || !header.expect((byte) ' ')) {
            return header.ranOut ? incompleteOrDamaged(bytes, from, limit) : damagedUpToNewline(bytes, from, limit);
        }
        long seq = header.number(' ');
        long second = header.number('.');
        long micros = header.micros();
        int type = header.name(TYPES);
        int decision = header.name(DECISIONS);
        long length = header.number(' ');
        if (header.failed()) {
            return header.ranOut ? incompleteOrDamaged(bytes, from, limit) : damagedUpToNewline(bytes, from, limit);
        }
        int lineStart = header.at;
        if (seq < 0 || length < 0) {
            return damagedUpToNewline(bytes, from, limit);
        }
        if (length > limit - lineStart - 1) {
            // Not all here yet, unless its length is beyond anything a segment can hold.
            return length > Integer.MAX_VALUE / 2 ? damagedUpToNewline(bytes, from, limit) : null;
        }
        int lineEnd = lineStart + (int) length;
        if (bytes[lineEnd] != '\n') {
            return damagedUpToNewline(bytes, from, limit);
        }
        Instant timestamp;
        try {
            timestamp = Instant.ofEpochSecond(second, micros * 1_000);
        } catch (java.time.DateTimeException outOfRange) {
            return damagedUpToNewline(bytes, from, limit);
        }
        WrittenEvent values = new WrittenEvent(
                seq, timestamp, TYPE_VALUES[type], decision == OUTCOME_VALUES.length ? null : OUTCOME_VALUES[decision]);
        return new SpoolRecord(values, lineStart, (int) length, lineEnd + 1, false);
    }

    private static SpoolRecord bareLine(byte[] bytes, int from, int limit) {
        int newline = newline(bytes, from, limit);
        if (newline < 0) {
            return null;
        }
        WrittenEvent values = valuesOf(AuditLines.parse(bytes, from, newline - from));
        return values == null
                ? new SpoolRecord(null, from, 0, newline + 1, true)
                : new SpoolRecord(values, from, newline - from, newline + 1, false);
    }

    /** The top-level members of a line parsed whole; null when it is not an event as Toolgate writes them. */
    private static WrittenEvent valuesOf(JsonNode event) {
        if (event == null) {
            return null;
        }
        JsonNode seq = event.get("seq");
        JsonNode timestamp = event.get("timestamp");
        int type = named(TYPES, AuditLines.text(event, "event_type"));
        int decision = named(DECISIONS, AuditLines.text(event, "decision"));
        if (seq == null
                || !seq.isIntegralNumber()
                || !seq.canConvertToLong()
                || timestamp == null
                || !timestamp.isTextual()
                || type < 0) {
            return null;
        }
        try {
            return new WrittenEvent(
                    seq.longValue(),
                    Instant.parse(timestamp.textValue()),
                    TYPE_VALUES[type],
                    decision < 0 || decision == OUTCOME_VALUES.length ? null : OUTCOME_VALUES[decision]);
        } catch (DateTimeParseException notATimestamp) {
            return null;
        }
    }

    private static int named(byte[][] names, String wireName) {
        if (wireName != null) {
            byte[] name = wireName.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < names.length; i++) {
                if (Arrays.equals(name, names[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static SpoolRecord incompleteOrDamaged(byte[] bytes, int from, int limit) {
        return limit - from < MAX_HEADER ? null : damagedUpToNewline(bytes, from, limit);
    }

    private static SpoolRecord damagedUpToNewline(byte[] bytes, int from, int limit) {
        int newline = newline(bytes, from, limit);
        return newline < 0 ? null : new SpoolRecord(null, from, 0, newline + 1, true);
    }

    private static int newline(byte[] bytes, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static <E> byte[][] names(E[] constants, Function<E, String> wireName, String extra) {
        byte[][] names = new byte[constants.length + (extra == null ? 0 : 1)][];
        for (int i = 0; i < constants.length; i++) {
            names[i] = wireName.apply(constants[i]).getBytes(StandardCharsets.US_ASCII);
        }
        if (extra != null) {
            names[constants.length] = extra.getBytes(StandardCharsets.US_ASCII);
        }
        return names;
    }

    /** Reads the header's space-separated fields; the first field that does not read fails the rest. */
    private static final class Header {

        private final byte[] bytes;
        private final int limit;
        int at;
        boolean ranOut;
        private boolean bad;

        Header(byte[] bytes, int at, int limit) {
            this.bytes = bytes;
            this.at = at;
            this.limit = limit;
        }

        boolean failed() {
            return bad || ranOut;
        }

        /** Takes {@code expected} if it is next; false (failing nothing) when it is not. */
        boolean expect(byte expected) {
            if (failed()) {
                return false;
            }
            if (at >= limit) {
                ranOut = true;
                return false;
            }
            if (bytes[at] != expected) {
                return false;
            }
            at++;
            return true;
        }

        /** Decimal digits, optionally negative, then {@code end}. */
        long number(char end) {
            if (failed()) {
                return -1;
            }
            boolean negative = at < limit && bytes[at] == '-';
            int start = negative ? ++at : at;
            long value = 0;
            while (at < limit && bytes[at] >= '0' && bytes[at] <= '9') {
                if (at - start >= 18) {
                    bad = true;
                    return -1;
                }
                value = value * 10 + (bytes[at++] - '0');
            }
            end(at > start, end);
            return negative ? -value : value;
        }

        /** Exactly six digits, then a space. */
        long micros() {
            int start = at;
            long value = number(' ');
            if (!failed() && (at - start != 7 || value < 0)) {
                bad = true;
            }
            return value;
        }

        /** The index of the name that comes next, followed by a space; -1 when none does. */
        int name(byte[][] names) {
            if (failed()) {
                return -1;
            }
            int start = at;
            while (at < limit && bytes[at] != ' ') {
                at++;
            }
            if (at >= limit) {
                ranOut = true;
                return -1;
            }
            for (int i = 0; i < names.length; i++) {
                if (Arrays.equals(bytes, start, at, names[i], 0, names[i].length)) {
                    at++;
                    return i;
                }
            }
            bad = true;
            return -1;
        }

        private void end(boolean hadDigits, char end) {
            if (at >= limit) {
                ranOut = true;
            } else if (!hadDigits || bytes[at] != end) {
                bad = true;
            } else {
                at++;
            }
        }
    }
}
