package dev.toolgate.agent.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the policy source holds right now, as one hash of the bytes behind it (symbolic links followed), so that
 * a change is seen whatever way it was made: an edit in place, a rename over the file, or Kubernetes swapping the
 * {@code ..data} link of a ConfigMap volume, which changes no file the policy names. A source that cannot be read
 * has a fingerprint too, so that its return is a change.
 */
final class PolicyFingerprint {

    /** Bytes hashed at most, whatever the source holds: the loader refuses larger policies anyway. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private PolicyFingerprint() {}

    static String of(Path source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(source)) {
                List<Path> entries = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(source)) {
                    for (Path entry : stream) {
                        if (!entry.getFileName().toString().startsWith(".")) {
                            entries.add(entry);
                        }
                    }
                }
                entries.sort(null);
                long budget = MAX_BYTES;
                for (Path entry : entries) {
                    digest.update(entry.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    if (Files.isRegularFile(entry) && budget > 0) {
                        byte[] bytes = read(entry, budget);
                        budget -= bytes.length;
                        digest.update(bytes);
                    }
                    digest.update((byte) 0);
                }
                return "dir:" + HexFormat.of().formatHex(digest.digest());
            }
            return "file:" + HexFormat.of().formatHex(digest.digest(read(source, MAX_BYTES)));
        } catch (IOException | RuntimeException unreadable) {
            return "unreadable:" + unreadable.getClass().getSimpleName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] read(Path file, long max) throws IOException {
        if (Files.size(file) > max) {
            return ("too large: " + Files.size(file)).getBytes(StandardCharsets.UTF_8);
        }
        return Files.readAllBytes(file);
    }
}
