package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.paths.DirectCallsApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** An agent that cannot start cannot gate anything: enforce mode stops the JVM rather than run it unguarded. */
class BrokenAgentJarIT {

    private static final String REMOVED = "inst/dev/toolgate/agent/gate/ToolGate.classdata";

    @Test
    void enforceModeStopsTheJvmAndNoToolRuns() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("broken-jar");
        Path policy = Policies.write(dir, "policy.yaml", "roles:\n  tester: {allowed_tools: [allowed_read]}\n");
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agentJar(brokenCopy(dir))
                .agent("policy=" + policy + ",role=tester")
                .main(DirectCallsApp.class.getName())
                .run();
        assertEquals(70, run.exitCode(), run.describe());
        assertFalse(run.stdout().contains("BODY"), run.describe());
        assertFalse(run.stdout().contains("APP STILL RUNNING"), run.describe());
        assertTrue(run.stderr().contains("[toolgate] FATAL: the agent could not start"), run.describe());
    }

    @Test
    void monitorModeRunsTheApplicationWithAnError() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("broken-jar-monitor");
        Path policy = Policies.write(dir, "policy.yaml", "roles:\n  tester: {allowed_tools: [allowed_read]}\n");
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agentJar(brokenCopy(dir))
                .agent("policy=" + policy + ",role=tester,mode=monitor")
                .main(DirectCallsApp.class.getName())
                .run();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("APP STILL RUNNING"), run.describe());
        assertTrue(run.stderr().contains("[toolgate] ERROR: the agent could not start"), run.describe());
    }

    /** The real agent jar with one class of the gate missing, as a half-copied deployment would have it. */
    private static Path brokenCopy(Path dir) throws IOException {
        Path broken = dir.resolve("toolgate-agent-broken.jar");
        try (ZipFile original = new ZipFile(ForkedJvm.agentJar().toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(broken))) {
            Enumeration<? extends ZipEntry> entries = original.entries();
            boolean removed = false;
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().equals(REMOVED)) {
                    removed = true;
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = original.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            assertTrue(removed, REMOVED + " not found in the agent jar");
        }
        return broken;
    }
}
