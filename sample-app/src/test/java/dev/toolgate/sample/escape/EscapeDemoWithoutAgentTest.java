package dev.toolgate.sample.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the agent every escape of the demo runs: the shell starts, the files change, the JVM ends. */
class EscapeDemoWithoutAgentTest {

    @TempDir
    Path dir;

    @Test
    void everyEscapeRunsAndTheLastEndsTheJvm() throws Exception {
        Process demo = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EscapeDemo.class.getName())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS));
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, demo.exitValue(), output);
        assertTrue(output.startsWith("WARNING: Toolgate agent not attached"), output);
        assertTrue(output.contains("ESCAPE spawn-shell RAN exit 0"), output);
        assertTrue(output.contains("escaped\n"), output);
        assertTrue(output.contains("ESCAPE write-outside-tmp RAN wrote"), output);
        assertTrue(output.contains("ESCAPE delete-through-nio RAN deleted"), output);
        assertTrue(
                output.contains("ESCAPE reflect-into-agent RAN and failed: java.lang.ClassNotFoundException"),
                "no agent to reach into\n" + output);
        assertTrue(output.contains("ESCAPE system-exit RAN (the JVM ends now, status 3)"), output);
        assertTrue(Files.exists(dir.resolve("sandbox-demo/escaped.txt")), output);
        assertFalse(Files.exists(dir.resolve("sandbox-demo/delete-me.txt")), output);
        assertFalse(output.contains("REFUSED"), output);
    }
}
