package dev.toolgate.agent.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One batch just written to the audit file, as listeners see it: each event as captured, its values
 * ({@link WrittenEvent}) and where its line is in the written bytes. The writer fills it on its own thread and
 * reuses it, and the bytes, for the next batch: a listener copies what it keeps.
 */
public final class WrittenBatch {

    private static final byte[] NONE = new byte[0];

    private AuditEvent[] events = new AuditEvent[64];
    private WrittenEvent[] values = new WrittenEvent[64];
    /** Line i is bytes[starts[i], ends[i]), without its newline. */
    private int[] starts = new int[64];

    private int[] ends = new int[64];
    /** Event i's hash as 64 ASCII hex digits at {@code hashes[64 * i]}. */
    private byte[] hashes = new byte[64 * 64];

    private int size;
    private byte[] bytes = NONE;

    WrittenBatch() {}

    /** Events in the batch, in file order. */
    public int size() {
        return size;
    }

    /** The event as captured on the calling thread (or written by the writer itself). */
    public AuditEvent event(int index) {
        check(index);
        return events[index];
    }

    /** What the event was written with: its seq, timestamp, type and decision. */
    public WrittenEvent values(int index) {
        check(index);
        return values[index];
    }

    /** The written bytes the lines are in; valid only during the listener call. */
    public byte[] bytes() {
        return bytes;
    }

    public int lineStart(int index) {
        check(index);
        return starts[index];
    }

    /** Length of the line, without its newline. */
    public int lineLength(int index) {
        check(index);
        return ends[index] - starts[index];
    }

    /** The event's {@code hash}, as the writer computed it (lowercase hex). */
    public String hash(int index) {
        check(index);
        return new String(hashes, 64 * index, 64, StandardCharsets.US_ASCII);
    }

    /** The line as written, without its newline. */
    public String line(int index) {
        check(index);
        return new String(bytes, starts[index], ends[index] - starts[index], StandardCharsets.UTF_8);
    }

    void clear() {
        // Listeners are done with them: let the events' arguments and results go.
        Arrays.fill(events, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        bytes = NONE;
    }

    void add(AuditEvent event, WrittenEvent written, int start, int end, byte[] hashHex) {
        if (size == events.length) {
            int more = size * 2;
            events = Arrays.copyOf(events, more);
            values = Arrays.copyOf(values, more);
            starts = Arrays.copyOf(starts, more);
            ends = Arrays.copyOf(ends, more);
            hashes = Arrays.copyOf(hashes, 64 * more);
        }
        System.arraycopy(hashHex, 0, hashes, 64 * size, 64);
        events[size] = event;
        values[size] = written;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    void bytes(byte[] written) {
        bytes = written;
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
    }
}
