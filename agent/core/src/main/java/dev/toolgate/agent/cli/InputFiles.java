package dev.toolgate.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every file argument passes before a command reads it, so that a directory, a missing, empty or
 * binary file is named as such instead of failing somewhere inside a parser.
 */
final class InputFiles {

    /** Bytes looked at for NUL bytes, which no policy, audit line or sample text holds. */
    private static final int SNIFF_BYTES = 64 * 1024;

    private InputFiles() {}

    /**
     * A readable regular file that is not empty and does not start with binary data.
     *
     * @param what what the file should be, for messages ("an audit file")
     */
    static Path textFile(Path file, String what) {
        return textFile(file, what, false);
    }

    /** As {@link #textFile(Path, String)}, an empty file allowed when {@code emptyAllowed}. */
    static Path textFile(Path file, String what, boolean emptyAllowed) {
        if (Files.isDirectory(file)) {
            throw CliFailure.usage(file + " is a directory; expected " + what);
        }
        if (!Files.exists(file)) {
            throw CliFailure.usage("no such file: " + file + " (working directory "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw CliFailure.usage(file + " is not a regular file; expected " + what);
        }
        if (!Files.isReadable(file)) {
            throw CliFailure.usage(file + " cannot be read (permission denied)");
        }
        try {
            if (Files.size(file) == 0 && !emptyAllowed) {
                throw CliFailure.usage(file + " is empty; expected " + what);
            }
            long nul = firstNul(file);
            if (nul >= 0) {
                throw CliFailure.usage(file + " is a binary file (a NUL byte at offset " + nul + "); expected " + what);
            }
        } catch (IOException e) {
            throw CliFailure.usage(file + " cannot be read: " + e.getMessage());
        }
        return file;
    }

    /** The offset of the first NUL byte in the file's first {@value #SNIFF_BYTES} bytes, or -1. */
    private static long firstNul(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
