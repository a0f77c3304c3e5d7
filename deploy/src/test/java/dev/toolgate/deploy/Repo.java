package dev.toolgate.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found from the module's directory. */
final class Repo {

    private Repo() {}

    static Path root() {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("deploy/kubernetes"))
                    && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root with deploy/kubernetes above " + dir);
    }
}
