package dev.toolgate.agent.audit.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of an audit log's files: the active file as configured ({@code audit.jsonl}), and rotated files named
 * after the seq of their first event ({@code audit.000000000001.jsonl}), so that they sort in chain order.
 */
public final class AuditFileNames {

    private final Path active;
    private final String stem;
    private final String extension;
    private final Pattern rotated;

    public AuditFileNames(Path active) {
        this.active = active.toAbsolutePath().normalize();
        String name = this.active.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.stem = dot > 0 ? name.substring(0, dot) : name;
        this.extension = dot > 0 ? name.substring(dot) : "";
        this.rotated = Pattern.compile(Pattern.quote(stem) + "\\.(\\d{12,19})" + Pattern.quote(extension));
    }

    public Path active() {
        return active;
    }

    public Path rotated(long firstSeq) {
        return active.resolveSibling(stem + "." + String.format("%012d", firstSeq) + extension);
    }

    /** Rotated files in the active file's directory, oldest first. */
    public List<Path> rotatedFiles() throws IOException {
        Path dir = active.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> firstSeqOf(file).isPresent())
                    .sorted(Comparator.comparingLong(file -> firstSeqOf(file).orElseThrow()))
                    .toList();
        }
    }

    Optional<Long> firstSeqOf(Path file) {
        Matcher matcher = rotated.matcher(file.getFileName().toString());
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }
}
