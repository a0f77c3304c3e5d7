package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.paths.DirectCallsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken or missing set-up never turns enforcement off: the application keeps running, every tool call is
 * refused with the problem as the reason, and stderr says once what is wrong.
 */
class StartupFailuresIT {

    private static final String GOOD_POLICY = """
            roles:
              tester:
                allowed_tools: [allowed_read]
                denied_tools: [forbidden_delete]
            """;

    static Stream<Arguments> brokenPolicies() {
        return Jdks.all()
                .flatMap(jdk -> Stream.of(
                        Arguments.of(
                                jdk,
                                "malformed YAML",
                                "roles:\n  tester: {allowed_tools: [allowed_read\n",
                                "not valid YAML"),
                        Arguments.of(
                                jdk,
                                "unknown risk",
                                GOOD_POLICY + "tools:\n  allowed_read: {risk: catastrophic}\n",
                                "'catastrophic' is not a risk class"),
                        Arguments.of(
                                jdk,
                                "unknown key",
                                GOOD_POLICY.replace("denied_tools", "deny_tools"),
                                "unknown key 'deny_tools'"),
                        Arguments.of(jdk, "empty file", "", "the policy file is empty")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenPolicies")
    void brokenPolicyRefusesEveryCallAndTheAppKeepsRunning(Jdks.Jdk jdk, String what, String yaml, String problem)
            throws Exception {
        Path dir = ForkedJvm.freshWorkDir("broken-policy");
        Path policy = Policies.write(dir, "policy.yaml", yaml);
        JvmRun run = run(jdk, dir, "policy=" + policy + ",role=tester");
        assertEverythingRefused(run, problem);
        assertTrue(
                run.stderr().contains("[toolgate] ERROR: the policy could not be loaded: " + policy), run.describe());
        AuditLine start =
                run.audit(line -> "agent_start".equals(line.eventType())).get(0);
        assertTrue(start.text("startup_problem").contains(problem), start.toString());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void missingFileDirectoryAndNoPolicyAreRefusedToo(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("no-policy");
        assertEverythingRefused(
                run(jdk, dir, "policy=" + dir.resolve("absent.yaml") + ",role=tester"), "policy file not found");
        assertEverythingRefused(
                run(jdk, ForkedJvm.freshWorkDir("dir-policy"), "policy=" + dir + ",role=tester"), "policy directory");
        JvmRun none = run(jdk, ForkedJvm.freshWorkDir("unset-policy"), "role=tester");
        assertEverythingRefused(none, "no policy is configured");
        assertEquals(
                1,
                none.stderr()
                        .lines()
                        .filter(line -> line.startsWith("[toolgate] ERROR"))
                        .count(),
                none.describe());
    }

    @Test
    void unknownAgentArgumentIsRefusedNotIgnored() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("bad-argument");
        Path policy = Policies.write(dir, "policy.yaml", GOOD_POLICY);
        JvmRun run = run(Jdks.current(), dir, "polcy=" + policy + ",role=tester");
        assertEverythingRefused(run, "'polcy' is not a Toolgate setting");
    }

    @Test
    void monitorModeRunsEverythingAndRecordsWhatWouldHaveBeenRefused() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("monitor");
        Path policy = Policies.write(dir, "policy.yaml", GOOD_POLICY);
        JvmRun run = run(Jdks.current(), dir, "policy=" + policy + ",role=tester,mode=monitor");
        assertTrue(run.stdout().contains("CALL forbidden_delete RAN deleted:/b"), run.describe());
        AuditLine decision = run.decisionsAbout("forbidden_delete").get(0);
        assertEquals("deny", decision.decision());
        assertEquals("monitor", decision.text("mode"));
        assertEquals(
                1,
                run.audit(line -> "tool_result".equals(line.eventType()) && "forbidden_delete".equals(line.tool()))
                        .size());
    }

    @Test
    void environmentVariablesConfigureTheAgentWhenNothingElseDoes() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("environment");
        Path policy = Policies.write(dir, "policy.yaml", GOOD_POLICY);
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .env("TOOLGATE_POLICY", policy.toString())
                .env("TOOLGATE_ROLE", "tester")
                .main(DirectCallsApp.class.getName())
                .run();
        assertTrue(run.stdout().contains("CALL allowed_read RAN read:/a"), run.describe());
        assertTrue(run.stdout().contains("CALL forbidden_delete REFUSED"), run.describe());
    }

    @Test
    void unwritableAuditFileRefusesCalls() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("unwritable-audit");
        Path policy = Policies.write(dir, "policy.yaml", GOOD_POLICY);
        Path blocker = Files.createDirectory(dir.resolve("audit-is-a-directory"));
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=tester")
                .jvmOption("-Dtoolgate.audit.file=" + blocker)
                .main(DirectCallsApp.class.getName())
                .run();
        assertTrue(run.stdout().contains("CALL allowed_read REFUSED"), run.describe());
        assertTrue(run.stdout().contains("because they could not be recorded"), run.describe());
        assertFalse(run.stdout().contains("BODY"), run.describe());
    }

    private static JvmRun run(Jdks.Jdk jdk, Path dir, String agentArguments) throws Exception {
        return ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent(agentArguments)
                .main(DirectCallsApp.class.getName())
                .run();
    }

    private static void assertEverythingRefused(JvmRun run, String problem) {
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("APP STILL RUNNING"), run.describe());
        assertFalse(run.stdout().contains("BODY"), "a tool body ran\n" + run.describe());
        assertTrue(
                run.stdout().contains("CALL allowed_read REFUSED Toolgate denied tool 'allowed_read'"), run.describe());
        assertTrue(run.stdout().contains(problem), "refusal should name: " + problem + "\n" + run.describe());
        assertTrue(run.stderr().contains("[toolgate] ERROR"), run.describe());
    }
}
