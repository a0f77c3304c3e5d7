package dev.toolgate.agent.audit.file;

import dev.toolgate.agent.audit.chain.FileTail;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The active audit file and its rotation. A write that fails half-way (disk full) is cut back, so the file
 * never keeps a partial line from a failure it survived. Used by the writer thread only.
 */
public final class AuditFileSink implements Closeable {

    private final AuditFileNames names;
    private final Rotation rotation;
    private final StorageChannel.Opener opener;
    private final FileTail tail;
    private StorageChannel channel;
    private long size;
    private long activeFirstSeq;
    private Instant activeStartedAt;
    private String previousFile;

    private AuditFileSink(
            AuditFileNames names,
            Rotation rotation,
            StorageChannel.Opener opener,
            FileTail tail,
            StorageChannel channel,
            long size,
            String previousFile) {
        this.names = names;
        this.rotation = rotation;
        this.opener = opener;
        this.tail = tail;
        this.channel = channel;
        this.size = size;
        this.activeFirstSeq = tail.firstSeq();
        this.activeStartedAt = tail.firstTimestamp();
        this.previousFile = previousFile;
    }

    /**
     * Opens the active file for appending and reads where its chain ends. When it is new or empty and rotated
     * files exist, the chain continues from the newest of them.
     */
    public static AuditFileSink open(Path activeFile, Rotation rotation, StorageChannel.Opener opener)
            throws IOException {
        AuditFileNames names = new AuditFileNames(activeFile);
        FileTail tail = FileTail.read(names.active());
        String previous = null;
        if (tail.firstTimestamp() == null && tail.tornFragment() == null) {
            List<Path> rotated = names.rotatedFiles();
            if (!rotated.isEmpty()) {
                Path newest = rotated.get(rotated.size() - 1);
                FileTail before = FileTail.read(newest);
                tail = new FileTail(before.last(), null, false, before.lastProblem(), null, 0);
                previous = newest.getFileName().toString();
            }
        }
        StorageChannel channel = opener.open(names.active());
        return new AuditFileSink(names, rotation, opener, tail, channel, channel.size(), previous);
    }

    /** How the file ended when it was opened. */
    public FileTail tail() {
        return tail;
    }

    public Path path() {
        return names.active();
    }

    /** True while the active file holds no event yet: the next event written must be a {@code file_start}. */
    public boolean isFresh() {
        return activeFirstSeq == 0;
    }

    /** The rotated file this file's chain continues from, or null. */
    public String previousFile() {
        return previousFile;
    }

    /** The seq of the active file's first event; 0 while it has none. */
    public long activeFirstSeq() {
        return activeFirstSeq;
    }

    /** The name the active file gets when it is rotated, if its first event is {@code firstSeq}. */
    public String rotatedName(long firstSeq) {
        return names.rotated(firstSeq).getFileName().toString();
    }

    /** Records what the first event of a fresh file is, for the rotated name and time-based rotation. */
    public void started(long firstSeq, Instant at) {
        if (activeFirstSeq == 0) {
            activeFirstSeq = firstSeq;
            activeStartedAt = at;
        }
    }

    public void append(byte[] bytes, int offset, int length) throws IOException {
        try {
            channel.write(bytes, offset, length);
            size += length;
        } catch (IOException failure) {
            try {
                channel.truncate(size);
            } catch (IOException cannotUndo) {
                failure.addSuppressed(cannotUndo);
            }
            throw failure;
        }
    }

    public void sync() throws IOException {
        channel.sync();
    }

    public long size() {
        return size;
    }

    public boolean rotationDue(Instant now) {
        if (activeFirstSeq == 0) {
            return false;
        }
        return (rotation.maxBytes() > 0 && size >= rotation.maxBytes())
                || (!rotation.maxAge().isZero()
                        && activeStartedAt != null
                        && !now.isBefore(activeStartedAt.plus(rotation.maxAge())));
    }

    /**
     * Syncs and closes the active file, renames it after its first seq and starts an empty one.
     *
     * @return the rotated file's name, which the new file's {@code file_start} names
     */
    public String rotate() throws IOException {
        channel.sync();
        channel.close();
        Path rotated = names.rotated(activeFirstSeq);
        try {
            Files.move(names.active(), rotated, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            // Renamed or not, there must be an open active file to append to.
            channel = opener.open(names.active());
        }
        AppendOnlyFile.syncDirectory(names.active().getParent());
        size = channel.size();
        activeFirstSeq = 0;
        activeStartedAt = null;
        previousFile = rotated.getFileName().toString();
        return previousFile;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.sync();
        } finally {
            channel.close();
        }
    }
}
