package dev.toolgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes policy files for one test run. */
public final class Policies {

    private Policies() {}

    public static Path write(Path dir, String name, String yaml) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
