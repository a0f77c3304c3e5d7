package dev.toolgate.agent.sandbox;

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
 */
final class RealPaths {

    private RealPaths() {}

    /** Links followed at most, as the kernel's own limit. */
    private static final int MAX_LINKS = 40;

    static String canonical(String raw) {
        return canonical(raw, 0);
    }

    private static String canonical(String raw, int links) {
        Path path;
        try {
            path = Path.of(raw).toAbsolutePath();
        } catch (InvalidPathException unusable) {
            // The JDK refuses such a name too; judge the text as written.
            return Normalizer.normalize(raw, Normalizer.Form.NFC);
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
                // A dangling link: opening it for writing creates its target, so the target is what is judged.
                try {
                    Path target = existing.resolveSibling(Files.readSymbolicLink(existing));
                    return canonical((rest == null ? target : target.resolve(rest)).toString(), links + 1);
                } catch (IOException | UnsupportedOperationException unreadableLink) {
                    return Normalizer.normalize(path.normalize().toString(), Normalizer.Form.NFC);
                }
            }
            // A directory we may not search: keep the words.
            real = existing.normalize();
        }
        Path resolved = rest == null ? real : real.resolve(rest).normalize();
        return Normalizer.normalize(resolved.toString(), Normalizer.Form.NFC);
    }

    /** Whether {@code canonical} is {@code root} or below it (both canonical). */
    static boolean under(String canonical, String root) {
        return canonical.equals(root) || canonical.startsWith(root.endsWith("/") ? root : root + "/");
    }
}
