package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample app's escape demo with the agent, as docs/sandbox.md runs it: every escape refused, nothing changed. */
class SandboxDemoIT {

    private static final Path SAMPLE_JAR = ForkedJvm.projectDir().resolve("sample-app/target/toolgate-sample-app.jar");
    private static final Path POLICY = ForkedJvm.projectDir().resolve("sample-app/sandbox-demo.yaml");

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void everyEscapeOfTheDemoIsRefused(Jdks.Jdk jdk) throws Exception {
        assertTrue(Files.isRegularFile(SAMPLE_JAR), "build the sample app first: " + SAMPLE_JAR);
        Path dir = ForkedJvm.freshWorkDir("sandbox-demo");
        Path hosts = Files.writeString(dir.resolve("hosts"), "169.254.169.254 metadata.internal\n");
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .jvmOption("-Djdk.net.hosts.file=" + hosts)
                .agent("policy=" + POLICY + ",role=demo")
                .main("-cp", SAMPLE_JAR.toString(), "dev.toolgate.sample.escape.EscapeDemo")
                .run();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), "System.exit was refused\n" + run.describe());
        for (String escape : List.of(
                "spawn-shell",
                "connect-metadata-by-name",
                "write-outside-tmp",
                "delete-through-nio",
                "reflect-into-agent",
                "system-exit")) {
            assertTrue(out.contains("ESCAPE " + escape + " REFUSED Toolgate sandbox refused"), escape + "\n" + out);
        }
        assertTrue(out.contains("Refused: 6 of 6"), out);
        assertFalse(out.contains("escaped\n"), "the shell never ran\n" + out);
        assertFalse(Files.exists(dir.resolve("sandbox-demo/escaped.txt")), out);
        assertTrue(Files.exists(dir.resolve("sandbox-demo/delete-me.txt")), out);
        assertEquals(
                6,
                run.audit(line -> "sandbox_violation".equals(line.eventType())).size(),
                run.describe());
    }
}
