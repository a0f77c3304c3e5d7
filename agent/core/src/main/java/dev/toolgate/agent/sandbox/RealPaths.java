package dev.toolgate.agent.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;

/**
 * Where a path really points: made absolute, its longest existing prefix resolved through every link (so
 * {@code /proc/self/root/etc}, {@code /tmp/link-to-etc/…} and {@code ..} after a link are seen for what they
 * are), the rest normalised. Names are compared in Unicode NFC; the file system itself compares bytes.
 *
 * <p>Each call asks the file system afresh: nothing is remembered between calls, so a link created at any time,
 * by anyone, is seen by every later check. The resolution is the JDK's {@code File.getCanonicalPath}, one native
 * call ({@code realpath(3)}, retried on shorter prefixes in native code when the path does not exist yet), rather
 * than a system call and an exception per missing component.
 */
final class RealPaths {

    private RealPaths() {}

    /**
     * Java 17 can still be told to cache {@code getCanonicalPath} results for seconds ({@code
     * sun.io.useCanonCaches}, read once when java.io starts); a cached answer would miss a link made since, so
     * then every path takes the component-by-component way.
     */
    private static final boolean CANONICAL_CACHED = Boolean.parseBoolean(System.getProperty("sun.io.useCanonCaches"));

    /** Links followed at most, as the kernel's own limit. */
    private static final int MAX_LINKS = 40;

    /**
     * The real path of a file about to be written, created, moved or run. A dangling link at the end is judged by
     * its target, since opening it with {@code O_CREAT} creates the target.
     */
    static String canonical(String raw) {
        return resolve(raw, true, 0);
    }

    /**
     * The real path of a file about to be read: as {@link #canonical} without the dangling-link step, which a
     * read does not need (reading a dangling link fails), and which costs a system call.
     */
    static String forRead(String raw) {
        return resolve(raw, false, 0);
    }

    private static String resolve(String raw, boolean creates, int links) {
        if (CANONICAL_CACHED) {
            return Normalizer.normalize(slowly(raw, links), Normalizer.Form.NFC);
        }
        String real;
        try {
            real = new File(raw).getCanonicalPath();
        } catch (IOException | RuntimeException unresolved) {
            // A name java.io refuses (a NUL byte) or an I/O error other than a missing or unsearchable directory.
            return Normalizer.normalize(slowly(raw, links), Normalizer.Form.NFC);
        }
        if (creates && links < MAX_LINKS) {
            String target = danglingTarget(real);
            if (target != null) {
                return resolve(target, true, links + 1);
            }
        }
        if (real.startsWith("/..")) {
            // java.io keeps the .. that climb above the root from a missing component; the kernel drops them.
            real = Path.of(real).normalize().toString();
        }
        return Normalizer.normalize(real, Normalizer.Form.NFC);
    }

    /**
     * The target of {@code real} if it is a link, or null. {@code real} came from {@code realpath}, so a link at its
     * end is one whose target did not exist (or one made since). {@link LinkStat} asks with one {@code lstat} and
     * no exception; the public API needs a {@code stat} first, since it answers a name that is simply not there yet
     * (the usual create) with an exception and its stack trace.
     */
    private static String danglingTarget(String real) {
        try {
            Path path = Path.of(real);
            Boolean link = LinkStat.isLink(path);
            if (link == null ? new File(real).exists() || !Files.isSymbolicLink(path) : !link) {
                return null;
            }
            return path.resolveSibling(Files.readSymbolicLink(path)).toString();
        } catch (IOException | InvalidPathException | UnsupportedOperationException unreadable) {
            return null;
        }
    }

    /** Component by component, for the paths {@code getCanonicalPath} gives up on. */
    private static String slowly(String raw, int links) {
        Path path;
        try {
            path = Path.of(raw).toAbsolutePath();
        } catch (InvalidPathException unusable) {
            // The JDK refuses such a name too; judge the text as written.
            return raw;
        }
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing == null ? path.getRoot() : existing.toRealPath();
        } catch (IOException unreadable) {
            if (Files.isSymbolicLink(existing) && links < MAX_LINKS) {
                try {
                    Path target = existing.resolveSibling(Files.readSymbolicLink(existing));
                    return resolve((rest == null ? target : target.resolve(rest)).toString(), true, links + 1);
                } catch (IOException | UnsupportedOperationException unreadableLink) {
                    return path.normalize().toString();
                }
            }
            // A directory we may not search: keep the words.
            real = existing.normalize();
        }
        return (rest == null ? real : real.resolve(rest).normalize()).toString();
    }

    /** Whether {@code canonical} is {@code root} or below it (both canonical). */
    static boolean under(String canonical, String root) {
        return canonical.startsWith(root)
                && (canonical.length() == root.length()
                        || canonical.charAt(root.length()) == '/'
                        || root.endsWith("/"));
    }
}
