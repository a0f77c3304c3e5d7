package dev.toolgate.agent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.function.Consumer;

/**
 * Reads the complete lines of an audit file from an offset, with bounded memory: a line longer than any event
 * Toolgate writes is skipped and counted, not collected.
 */
final class AuditLineReader {

    /** Far above any event (arguments are capped at 1 MiB, results are shortened). */
    static final int MAX_LINE_BYTES = 16 << 20;

    private long oversized;

    /** Lines skipped so far because they were longer than {@link #MAX_LINE_BYTES}. */
    long oversized() {
        return oversized;
    }

    /** Reads the complete lines from {@code offset}; returns the offset after the last complete line. */
    long read(RandomAccessFile in, long offset, Consumer<byte[]> each) throws IOException {
        in.seek(offset);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        byte[] chunk = new byte[1 << 16];
        long position = offset;
        long complete = offset;
        for (int read; (read = in.read(chunk)) > 0; ) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] == '\n') {
                    if (!tooLong) {
                        line.write(chunk, start, i - start);
                        each.accept(line.toByteArray());
                    } else {
                        oversized++;
                    }
                    line.reset();
                    tooLong = false;
                    start = i + 1;
                    complete = position + i + 1;
                }
            }
            if (!tooLong) {
                line.write(chunk, start, read - start);
                if (line.size() > MAX_LINE_BYTES) {
                    tooLong = true;
                    line.reset();
                }
            }
            position += read;
        }
        return complete;
    }
}
