package dev.toolgate.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The JDKs every end-to-end test runs on: the one running the build (17) and Temurin 25. */
public final class Jdks {

    private Jdks() {}

    /** A JDK to fork: its home and its feature version. */
    public record Jdk(Path home, int feature) {
        public Path java() {
            return home.resolve("bin").resolve("java");
        }

        @Override
        public String toString() {
            return "Java " + feature;
        }
    }

    public static Jdk current() {
        return new Jdk(
                Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    public static Jdk java25() {
        Path home = Path.of(System.getProperty("toolgate.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("No Java 25 at " + home + ": the end-to-end tests must also run on"
                    + " Java 25. Install a Temurin 25 JDK there or pass -Dtoolgate.java25.home=DIR.");
        }
        return new Jdk(home, 25);
    }

    /** For {@code @MethodSource}: every JDK the tests must pass on. */
    public static Stream<Jdk> all() {
        return List.of(current(), java25()).stream();
    }
}
