package dev.toolgate.agent.sandbox.advice;

import dev.toolgate.bootstrap.SandboxBridge;
import java.io.File;
import net.bytebuddy.asm.Advice;

/**
 * Files, at the lowest Java frame of each API: the private {@code open} of the java.io streams and
 * {@code RandomAccessFile}, {@code java.io.File}'s changing methods (their file system calls are native on Java
 * 17), and {@code sun.nio.fs.UnixNativeDispatcher}, under every NIO {@code Files} method, {@code FileChannel},
 * asynchronous channels and directory streams. Paths arrive as written; the sandbox resolves them.
 */
public final class FileAdvice {

    private FileAdvice() {}

    /** {@code FileOutputStream.open(String, boolean)}. */
    public static final class OutputOpen {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String path) {
            SandboxBridge.file(SandboxBridge.WRITE | SandboxBridge.CREATE, path, null, "FileOutputStream");
        }
    }

    /** {@code FileInputStream.open(String)}. */
    public static final class InputOpen {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String path) {
            SandboxBridge.file(SandboxBridge.READ, path, null, "FileInputStream");
        }
    }

    /** {@code RandomAccessFile.open(String, int)}: the mode's read-write bit means write. */
    public static final class RandomAccessOpen {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String path, @Advice.Argument(1) int mode) {
            SandboxBridge.file(
                    (mode & 2) != 0 ? SandboxBridge.WRITE | SandboxBridge.CREATE : SandboxBridge.READ,
                    path,
                    null,
                    "RandomAccessFile");
        }
    }

    /** {@code File.delete()}, {@code File.deleteOnExit()}. */
    public static final class IoDelete {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file, @Advice.Origin("File.#m") String how) {
            SandboxBridge.file(SandboxBridge.DELETE, file.getPath(), null, how);
        }
    }

    /** {@code File.renameTo(File)}. */
    public static final class IoRename {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file, @Advice.Argument(0) File target) {
            SandboxBridge.file(
                    SandboxBridge.RENAME, file.getPath(), target == null ? null : target.getPath(), "File.renameTo");
        }
    }

    /** {@code File.createNewFile()}, {@code File.mkdir()}. */
    public static final class IoCreate {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file, @Advice.Origin("File.#m") String how) {
            SandboxBridge.file(SandboxBridge.CREATE, file.getPath(), null, how);
        }
    }

    /** {@code File.setReadable/Writable/Executable}, {@code setLastModified}, {@code setReadOnly}. */
    public static final class IoAttributes {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file, @Advice.Origin("File.#m") String how) {
            SandboxBridge.file(SandboxBridge.ATTRIBUTES, file.getPath(), null, how);
        }
    }

    /** {@code File.createTempFile(String, String, File)}. */
    public static final class IoTempFile {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String prefix, @Advice.Argument(2) File directory) {
            SandboxBridge.tempFile(directory, prefix);
        }
    }

    /** {@code UnixNativeDispatcher.open(UnixPath, int flags, int mode)}. */
    public static final class NativeOpen {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object path, @Advice.Argument(1) int flags) {
            SandboxBridge.open(flags, path, "NIO open");
        }
    }

    /** {@code unlink}, {@code rmdir}. */
    public static final class NativeDelete {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object path, @Advice.Origin("NIO #m") String how) {
            SandboxBridge.file(SandboxBridge.DELETE, path, null, how);
        }
    }

    /** {@code mkdir}, {@code mknod}. */
    public static final class NativeCreate {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object path, @Advice.Origin("NIO #m") String how) {
            SandboxBridge.file(SandboxBridge.CREATE, path, null, how);
        }
    }

    /** {@code chmod}, {@code chown}, {@code lchown}, {@code utimes}, {@code lutimes}: a path first. */
    public static final class NativeAttributes {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object path, @Advice.Origin("NIO #m") String how) {
            SandboxBridge.file(SandboxBridge.ATTRIBUTES, path, null, how);
        }
    }

    /** {@code fchmodat(int, UnixPath, …)}, {@code utimensat(int, UnixPath, …)} (Java 21 and later). */
    public static final class NativeAttributesAt {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(1) Object path, @Advice.Origin("NIO #m") String how) {
            SandboxBridge.file(SandboxBridge.ATTRIBUTES, path, null, how);
        }
    }

    /** {@code rename(UnixPath, UnixPath)}. */
    public static final class NativeRename {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object from, @Advice.Argument(1) Object to) {
            SandboxBridge.file(SandboxBridge.RENAME, from, to, "NIO rename");
        }
    }

    /** {@code link(UnixPath existing, UnixPath created)}: both must be where the tool may write. */
    public static final class NativeLink {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object existing, @Advice.Argument(1) Object created) {
            SandboxBridge.file(SandboxBridge.LINK, created, existing, "NIO link");
        }
    }

    /** {@code symlink(byte[] target, UnixPath link)}. */
    public static final class NativeSymlink {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(1) Object link) {
            SandboxBridge.file(SandboxBridge.LINK, link, null, "NIO symlink");
        }
    }

    /** {@code openat}, {@code unlinkat}, {@code renameat}: relative to a directory descriptor. */
    public static final class NativeRelative {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(1) Object path, @Advice.Origin("NIO #m") String how) {
            SandboxBridge.file(SandboxBridge.RELATIVE, path, null, how);
        }
    }
}
