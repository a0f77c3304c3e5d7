package dev.toolgate.agent.audit.file;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file opened for appending only (O_APPEND), created with permissions 0600 and tightened to 0600 when it
 * already exists with wider ones. Writes go through a {@link FileOutputStream}, whose writes an interrupt cannot
 * abort half-way, unlike an interruptible channel's.
 */
public final class AppendOnlyFile implements StorageChannel {

    static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final FileOutputStream out;
    private final FileChannel channel;

    private AppendOnlyFile(FileOutputStream out) {
        this.out = out;
        this.channel = out.getChannel();
    }

    public static AppendOnlyFile open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean created = createOwnerOnly(file);
        if (!created) {
            restrictToOwner(file);
        }
        AppendOnlyFile opened = new AppendOnlyFile(new FileOutputStream(file.toFile(), true));
        if (created && parent != null) {
            syncDirectory(parent);
        }
        return opened;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void sync() throws IOException {
        out.getFD().sync();
    }

    @Override
    public void truncate(long size) throws IOException {
        channel.truncate(size);
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Makes a created or renamed entry of {@code directory} durable, where the platform allows it. */
    public static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Some platforms cannot open or sync a directory; the data itself is still synced.
        }
    }

    private static boolean createOwnerOnly(Path file) throws IOException {
        try {
            if (isPosix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY) && Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean isPosix(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null
                && parent.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
