package dev.toolgate.agent.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which file a command's program is: a path as given (against the working directory), or a search of PATH. */
final class Programs {

    private Programs() {}

    /** The real path of the program, or null when none is found. */
    static String resolve(String program, String directory) {
        if (program == null || program.isEmpty()) {
            return null;
        }
        if (program.indexOf('/') >= 0) {
            Path path = Path.of(program);
            if (!path.isAbsolute() && directory != null) {
                path = Path.of(directory).resolve(path);
            }
            return RealPaths.canonical(path.toString());
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return null;
        }
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return RealPaths.canonical(candidate.toString());
            }
        }
        return null;
    }
}
