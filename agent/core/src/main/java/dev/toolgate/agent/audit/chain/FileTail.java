package dev.toolgate.agent.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What an existing audit file ends with, so that a new writer continues its chain: the last complete event's
 * link, and a torn last line (a crash in the middle of a write) if there is one.
 *
 * @param last           the last complete event's link; {@link ChainLink#GENESIS} for an empty file
 * @param tornFragment   the bytes after the last newline when they are not a complete event; else null
 * @param needsNewline   the file does not end in a newline (torn, or complete but cut just before it)
 * @param lastProblem    null when the last complete line checks out; else why it does not
 * @param firstTimestamp when the file's first event was written; null for an empty file
 * @param firstSeq       the seq of the file's first event; 0 when unknown
 */
public record FileTail(
        ChainLink last,
        byte[] tornFragment,
        boolean needsNewline,
        String lastProblem,
        Instant firstTimestamp,
        long firstSeq) {

    private static final int CHUNK = 64 * 1024;

    public static FileTail empty() {
        return new FileTail(ChainLink.GENESIS, null, false, null, null, 0);
    }

    public static FileTail read(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return empty();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            in.seek(size - 1);
            boolean endsInNewline = in.read() == '\n';
            long lineEnd = endsInNewline ? size - 1 : size;
            long lineStart = lastNewlineBefore(in, lineEnd) + 1;
            byte[] last = readRange(in, lineStart, lineEnd);
            byte[] torn = null;
            if (!endsInNewline && !isCompleteEvent(last)) {
                torn = last;
                lineEnd = lineStart - 1;
                if (lineEnd <= 0) {
                    return new FileTail(ChainLink.GENESIS, torn, true, null, null, 0);
                }
                lineStart = lastNewlineBefore(in, lineEnd) + 1;
                last = readRange(in, lineStart, lineEnd);
            }
            JsonNode event = AuditLines.parse(last, 0, last.length);
            ChainLink link = event == null ? null : AuditLines.claimedLink(event);
            String problem = null;
            if (link == null) {
                problem = "its last complete line is not an audit event";
                link = ChainLink.GENESIS;
            } else if (!AuditLines.computedHash(event, new EventHash()).equals(link.hash())) {
                problem = "its last line does not match its own hash";
            }
            JsonNode first = firstEvent(in);
            return new FileTail(
                    link,
                    torn,
                    !endsInNewline,
                    problem,
                    firstTimestamp(first),
                    first == null || !first.path("seq").canConvertToLong()
                            ? 0
                            : first.path("seq").longValue());
        }
    }

    private static boolean isCompleteEvent(byte[] line) {
        JsonNode event = AuditLines.parse(line, 0, line.length);
        ChainLink link = event == null ? null : AuditLines.claimedLink(event);
        return link != null && AuditLines.computedHash(event, new EventHash()).equals(link.hash());
    }

    /** Position of the last '\n' before {@code end}, or -1. */
    private static long lastNewlineBefore(RandomAccessFile in, long end) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long position = end;
        while (position > 0) {
            int length = (int) Math.min(CHUNK, position);
            position -= length;
            in.seek(position);
            in.readFully(chunk, 0, length);
            for (int i = length - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    return position + i;
                }
            }
        }
        return -1;
    }

    private static byte[] readRange(RandomAccessFile in, long from, long to) throws IOException {
        byte[] bytes = new byte[(int) Math.max(0, to - from)];
        in.seek(from);
        in.readFully(bytes);
        return bytes;
    }

    private static JsonNode firstEvent(RandomAccessFile in) throws IOException {
        in.seek(0);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int read;
        outer:
        while ((read = in.read(chunk)) > 0) {
            for (int i = 0; i < read; i++) {
                if (chunk[i] == '\n') {
                    line.write(chunk, 0, i);
                    break outer;
                }
            }
            line.write(chunk, 0, read);
        }
        byte[] bytes = line.toByteArray();
        return AuditLines.parse(bytes, 0, bytes.length);
    }

    private static Instant firstTimestamp(JsonNode first) {
        String text = first == null ? null : AuditLines.text(first, "timestamp");
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
