package dev.toolgate.agent.audit.ship;

import dev.toolgate.agent.audit.file.AppendOnlyFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A bounded, ordered byte log on disk between the audit writer and the shipper: segment files named after the
 * offset of their first byte in the whole stream, so a position is one number and survives restarts. The writer
 * appends whole records ({@link SpoolRecord}: a line and its values); the shipper reads, remembers (in
 * {@code position}) from where it must replay, and deletes segments it no longer needs. One appending thread and
 * one reading thread.
 */
final class Spool {

    private static final String SUFFIX = ".spool";

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Path positionFile;
    /** Segment start offset → file. */
    private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();

    private final AtomicLong end = new AtomicLong();
    private final AtomicLong firstKept = new AtomicLong();
    private AppendOnlyFile current;
    private long currentSize;

    private Spool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(64 * 1024, Math.min(16L << 20, maxBytes / 8));
        this.positionFile = dir.resolve("position");
    }

    static Spool open(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        Spool spool = new Spool(dir, maxBytes);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(file -> file.getFileName().toString().matches("\\d{20}\\" + SUFFIX))
                    .forEach(file -> spool.segments.put(
                            Long.parseLong(file.getFileName().toString().substring(0, 20)), file));
        }
        long end = 0;
        if (!spool.segments.isEmpty()) {
            Map.Entry<Long, Path> last = spool.segments.lastEntry();
            end = last.getKey() + Files.size(last.getValue());
            spool.firstKept.set(spool.segments.firstKey());
        }
        spool.end.set(end);
        spool.startSegment(end);
        return spool;
    }

    /** Where the reader must start: the saved replay position, or the oldest byte kept. */
    long savedPosition() {
        long saved = -1;
        try {
            if (Files.exists(positionFile)) {
                saved = Long.parseLong(Files.readString(positionFile).trim());
            }
        } catch (IOException | NumberFormatException unreadable) {
            saved = -1;
        }
        long oldest = segments.isEmpty() ? end.get() : segments.firstKey();
        return Math.max(Math.min(saved < 0 ? oldest : saved, end.get()), oldest);
    }

    void savePosition(long position) {
        try {
            Path temp = dir.resolve("position.tmp");
            Files.writeString(temp, Long.toString(position));
            Files.move(temp, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only costs a longer replay after a restart.
        }
    }

    /**
     * Appends complete records, unless the spool would grow beyond its bound.
     *
     * @return false when they did not fit and were not added
     */
    boolean append(byte[] bytes, int offset, int length) throws IOException {
        if (end.get() + length - firstKept.get() > maxBytes) {
            return false;
        }
        if (currentSize >= segmentBytes) {
            current.close();
            startSegment(end.get());
        }
        current.write(bytes, offset, length);
        currentSize += length;
        end.addAndGet(length);
        return true;
    }

    /** Offset just past the last byte appended. */
    long end() {
        return end.get();
    }

    /** Bytes held from {@code position} on. */
    long bytesFrom(long position) {
        return Math.max(0, end.get() - position);
    }

    /**
     * Reads up to {@code into.length} bytes at {@code position}, never across a segment boundary.
     *
     * @return bytes read, 0 when nothing is there yet
     */
    int read(long position, byte[] into) throws IOException {
        Map.Entry<Long, Path> segment = segments.floorEntry(position);
        if (segment == null) {
            return 0;
        }
        Long nextStart = segments.higherKey(segment.getKey());
        long segmentEnd = nextStart != null ? nextStart : end.get();
        int length = (int) Math.min(into.length, segmentEnd - position);
        if (length <= 0) {
            return 0;
        }
        try (RandomAccessFile in = new RandomAccessFile(segment.getValue().toFile(), "r")) {
            in.seek(position - segment.getKey());
            return Math.max(0, in.read(into, 0, length));
        }
    }

    /** Deletes segments that end at or before {@code position}: nothing there will be sent again. */
    void release(long position) {
        while (true) {
            Map.Entry<Long, Path> first = segments.firstEntry();
            Long second = first == null ? null : segments.higherKey(first.getKey());
            if (second == null || second > position) {
                return;
            }
            try {
                Files.deleteIfExists(first.getValue());
            } catch (IOException e) {
                return;
            }
            segments.remove(first.getKey());
            firstKept.set(second);
        }
    }

    void closeAppender() {
        try {
            current.close();
        } catch (IOException ignored) {
            // nothing was buffered: writes go straight to the file
        }
    }

    private void startSegment(long start) throws IOException {
        Path file = dir.resolve(String.format("%020d", start) + SUFFIX);
        current = AppendOnlyFile.open(file);
        currentSize = current.size();
        segments.put(start, file);
        if (segments.size() == 1) {
            firstKept.set(start);
        }
    }

    @Override
    public String toString() {
        return "spool " + dir + " (" + (end.get() - firstKept.get()) + " bytes)";
    }
}
