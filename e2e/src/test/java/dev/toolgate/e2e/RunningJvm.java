package dev.toolgate.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A forked JVM that is still running: its process and where its output and audit file go. */
public record RunningJvm(Process process, Path stdout, Path stderr, Path auditFile) {

    /** What it printed so far. */
    public String stdoutSoFar() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the JVM did not die");
        }
    }

    /** Once the process has ended: its exit code, output and audit file. */
    public JvmRun finished() throws IOException {
        return new JvmRun(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), auditFile);
    }
}
