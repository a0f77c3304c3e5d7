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

    /** Waits until standard output (or error, if {@code inStderr}) contains {@code text}; returns all of it. */
    public String awaitOutput(String text, boolean inStderr, long seconds) throws IOException, InterruptedException {
        Path file = inStderr ? stderr : stdout;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (content.contains(text)) {
                return content;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + text + "' did not appear within " + seconds + " s\n--- stdout\n"
                + Files.readString(stdout) + "\n--- stderr\n" + Files.readString(stderr));
    }

    /** Types into the JVM's standard input (the terminal, when it runs in one). */
    public void type(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Waits (at most two minutes) for the process to end, then reports as {@link #finished()}. */
    public JvmRun finish() throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("forked JVM did not finish within 120 s\n" + Files.readString(stderr));
        }
        return finished();
    }

    /** Once the process has ended: its exit code, output and audit file. */
    public JvmRun finished() throws IOException {
        return new JvmRun(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8),
                auditFile);
    }
}
