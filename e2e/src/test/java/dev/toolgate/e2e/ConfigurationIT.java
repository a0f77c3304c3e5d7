package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.reload.ReloadApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The kill switch, the config file and warnings about unknown settings, in a real JVM on Java 17 and 25. */
class ConfigurationIT {

    private static final String DENIES_WIPE = """
            roles:
              tester:
                allowed_tools: [ping]
                denied_tools: [wipe]
            """;

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void theKillSwitchInstallsNothingAndSaysSoInTheAuditLog(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("kill-switch");
        Path policy = Policies.write(dir, "policy.yaml", DENIES_WIPE);
        RunningJvm jvm = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=tester")
                .env("TOOLGATE_ENABLED", "false")
                .main(ReloadApp.class.getName())
                .start();
        jvm.awaitOutput("READY", false, 20);
        jvm.type("call wipe\nquit\n");
        JvmRun run = jvm.finish();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("CALL wipe allowed"), run.describe());
        List<String> toolgateLines = run.stderr()
                .lines()
                .filter(line -> line.startsWith("[toolgate]"))
                .toList();
        assertEquals(1, toolgateLines.size(), run.describe());
        assertTrue(
                toolgateLines
                        .get(0)
                        .startsWith("[toolgate] enforcement is OFF by configuration (enabled=false, set by"
                                + " TOOLGATE_ENABLED, environment)"),
                toolgateLines.get(0));
        List<AuditLine> events = run.audit();
        assertEquals(2, events.size(), run.describe()); // file_start, agent_start
        AuditLine start = events.get(1);
        assertEquals("agent_start", start.eventType());
        assertEquals("off", start.text("enforcement"));
        assertTrue(start.text("disabled_by").contains("TOOLGATE_ENABLED"), start.toString());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void theConfigFileSetsWhatNothingElseDoesAndTyposAreWarnedAbout(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("config-file");
        Path policy = Policies.write(dir, "policy.yaml", DENIES_WIPE);
        Path config = dir.resolve("toolgate.properties");
        Files.writeString(config, "policy=" + policy + "\nrole=tester\npolicy.reload=false\n");
        RunningJvm jvm = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("config.file=" + config)
                .jvmOption("-Dtoolgate.rol=x")
                .main(ReloadApp.class.getName())
                .start();
        jvm.awaitOutput("READY", false, 20);
        jvm.type("call wipe\ncall ping\nquit\n");
        JvmRun run = jvm.finish();
        assertTrue(
                run.stdout().contains("CALL wipe denied: Toolgate denied tool 'wipe' for role 'tester'"),
                run.describe());
        assertTrue(run.stdout().contains("CALL ping allowed"), run.describe());
        assertTrue(
                run.stderr()
                        .contains("[toolgate] WARNING: system property -Dtoolgate.rol is not a Toolgate setting and"
                                + " is ignored; did you mean -Dtoolgate.role?"),
                run.describe());
        assertTrue(run.stderr().contains("policy reload: JMX"), run.describe());
    }
}
