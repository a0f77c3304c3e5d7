package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.attach.LateAttachApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent jar's command line, run as users run it ({@code java -jar toolgate-agent.jar}): version, policy
 * check, and attaching to a JVM that is already running and has called its tools before.
 */
class CliIT {

    private static final String POLICY = """
            roles:
              ops_agent:
                allowed_tools: [read_status]
                denied_tools: [purge_all]
            """;

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void versionComesFromTheManifest(Jdks.Jdk jdk) throws Exception {
        JvmRun run = ForkedJvm.cli(jdk, "--version");
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().matches("(?s)toolgate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"), run.describe());
        assertEquals("", run.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void policyCheckPassesAGoodFileAndFailsABadOne(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("cli-policy");
        Path good = Policies.write(dir, "good.yaml", POLICY);
        Path bad = Policies.write(dir, "bad.yaml", "roles:\n  r:\n    allowed_tool: [x]\n");
        JvmRun ok = ForkedJvm.cli(jdk, "policy", "check", good.toString());
        assertEquals(0, ok.exitCode(), ok.describe());
        assertTrue(ok.stdout().contains(good + ": ok (1 roles"), ok.describe());

        JvmRun failed = ForkedJvm.cli(jdk, "check-policy", good.toString(), bad.toString());
        assertEquals(1, failed.exitCode(), failed.describe());
        assertTrue(failed.stderr().contains("bad.yaml"), failed.describe());
        assertTrue(failed.stderr().contains("allowed_tool"), failed.describe());
        assertFalse(failed.stderr().contains("\tat "), "no stack trace\n" + failed.describe());

        JvmRun usage = ForkedJvm.cli(jdk, "check-policy", "--help");
        assertEquals(0, usage.exitCode(), usage.describe());
        assertTrue(usage.stdout().startsWith("Usage: toolgate check-policy"), usage.describe());
    }

    /**
     * The app calls both tools unguarded, then the agent is attached: the tool class, loaded and run before, is
     * re-woven, so the denied tool is refused and both calls are audited.
     */
    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void attachGatesToolsThatWereLoadedAndCalledBefore(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("cli-attach");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        Path audit = dir.resolve("audit.jsonl");
        RunningJvm app = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .withoutAgent()
                .main(LateAttachApp.class.getName())
                .start();
        try {
            app.awaitOutput("READY", false, 60);
            assertTrue(app.stdoutSoFar().contains("CALL before purge_all RAN purged"), app.stdoutSoFar());
            long pid = app.process().pid();

            JvmRun attach = ForkedJvm.cli(
                    jdk, "attach", Long.toString(pid), "policy=" + policy + ",role=ops_agent", "audit.file=" + audit);
            assertEquals(
                    0, attach.exitCode(), attach.describe() + "\n--- app stderr\n" + Files.readString(app.stderr()));
            assertTrue(attach.stdout().contains("attached Toolgate"), attach.describe());
            assertTrue(attach.stdout().contains("to JVM " + pid), attach.describe());
            assertEquals(
                    jdk.feature() >= 21,
                    attach.stderr().contains("-XX:+EnableDynamicAgentLoading"),
                    "the note about Java 21's warning\n" + attach.describe());
            app.awaitOutput("agent started: version ", true, 30);
            assertTrue(Files.readString(app.stderr()).contains("attached to a running JVM"));

            JvmRun again = ForkedJvm.cli(jdk, "attach", LateAttachApp.class.getSimpleName(), "policy=" + policy);
            assertEquals(1, again.exitCode(), again.describe());
            assertTrue(again.stderr().contains("already runs Toolgate"), again.describe());

            Files.createFile(dir.resolve("go"));
            JvmRun run = app.finish();
            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.stdout().contains("CALL after read_status RAN status ok"), run.describe());
            assertTrue(
                    run.stdout()
                            .contains("CALL after purge_all REFUSED Toolgate denied tool 'purge_all' for role"
                                    + " 'ops_agent'"),
                    run.describe());
            assertEquals(1, count(run.stdout(), "BODY purge_all"), "the refused body did not run again\n" + run);

            JvmRun audited = new JvmRun(run.exitCode(), run.stdout(), run.stderr(), audit);
            AuditLine start = audited.audit(line -> "agent_start".equals(line.eventType()))
                    .get(0);
            assertTrue(start.text("version").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), start.toString());
            assertEquals(List.of("deny"), decisions(audited, "purge_all"));
            assertEquals(List.of("allow"), decisions(audited, "read_status"));
            JvmRun verify = ForkedJvm.cli(jdk, "audit", "verify", audit.toString());
            assertEquals(0, verify.exitCode(), verify.describe());
        } finally {
            app.process().destroyForcibly();
        }
    }

    @Test
    void attachRefusesAProcessThatIsNotAJvmAndOneThatDoesNotExist() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "120").start();
        try {
            JvmRun notJvm = ForkedJvm.cli(Jdks.current(), "attach", Long.toString(sleeper.pid()));
            assertEquals(2, notJvm.exitCode(), notJvm.describe());
            assertTrue(notJvm.stderr().contains("is not a Java virtual machine"), notJvm.describe());
            assertOneLine(notJvm);
        } finally {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long gone = unusedPid();
        JvmRun missing = ForkedJvm.cli(Jdks.current(), "attach", Long.toString(gone));
        assertEquals(2, missing.exitCode(), missing.describe());
        assertTrue(missing.stderr().contains("no process with id " + gone), missing.describe());
        assertOneLine(missing);

        JvmRun noMatch = ForkedJvm.cli(Jdks.current(), "attach", "NoSuchMainClassAnywhere");
        assertEquals(2, noMatch.exitCode(), noMatch.describe());
        assertTrue(noMatch.stderr().contains("no running JVM of this user"), noMatch.describe());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void attachSaysWhenAJvmDisablesTheAttachMechanism(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("cli-no-attach");
        RunningJvm app = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .withoutAgent()
                .jvmOption("-XX:+DisableAttachMechanism")
                .main(LateAttachApp.class.getName())
                .start();
        try {
            app.awaitOutput("READY", false, 60);
            JvmRun attach =
                    ForkedJvm.cli(jdk, "attach", Long.toString(app.process().pid()));
            assertEquals(1, attach.exitCode(), attach.describe());
            assertTrue(attach.stderr().contains("-XX:+DisableAttachMechanism"), attach.describe());
            assertOneLine(attach);
        } finally {
            app.process().destroyForcibly();
        }
    }

    private static void assertOneLine(JvmRun run) {
        assertEquals(1, run.stderr().strip().lines().count(), "one line, no stack trace\n" + run.describe());
    }

    /** A process id nobody has: above any pid_max Linux allows by default, checked anyway. */
    private static long unusedPid() {
        for (long pid = 4_194_303; pid > 1; pid--) {
            if (!Files.exists(Path.of("/proc", Long.toString(pid)))
                    && ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
        throw new AssertionError("every pid is in use");
    }

    private static List<String> decisions(JvmRun run, String tool) {
        return run.decisionsAbout(tool).stream().map(AuditLine::decision).toList();
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }
}
