package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.reload.ReloadApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hot reload of the policy in a running JVM with the agent attached, on Java 17 and Java 25. */
class ReloadIT {

    private static final String ALLOWS_PING = """
            roles:
              tester:
                allowed_tools: [ping]
                denied_tools: [wipe]
            """;

    private static final String DENIES_PING = """
            roles:
              tester:
                allowed_tools: [ping]
                denied_tools: [ping, wipe]
            """;

    /** The app under a policy, talked to line by line. */
    private static final class App implements AutoCloseable {
        final RunningJvm jvm;
        int commands;

        App(RunningJvm jvm) throws Exception {
            this.jvm = jvm;
            jvm.awaitOutput("READY", false, 20);
            jvm.awaitOutput("[toolgate] agent started", true, 20);
        }

        /** Sends a command and returns what it printed. */
        String send(String command) throws Exception {
            int before = jvm.stdoutSoFar().length();
            jvm.type(command + "\n");
            commands++;
            String all = jvm.awaitOutput("DONE " + commands + "\n", false, 20);
            return all.substring(before);
        }

        boolean pingAllowed() throws Exception {
            return send("call ping").contains("CALL ping allowed");
        }

        long pid() throws IOException {
            return Long.parseLong(jvm.stdoutSoFar()
                    .lines()
                    .filter(l -> l.startsWith("PID "))
                    .findFirst()
                    .orElseThrow()
                    .substring(4));
        }

        String stderr() throws IOException {
            return Files.readString(jvm.stderr());
        }

        JvmRun quit() throws Exception {
            jvm.type("quit\n");
            return jvm.finish();
        }

        @Override
        public void close() throws Exception {
            if (jvm.process().isAlive()) {
                jvm.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static App start(Jdks.Jdk jdk, Path dir, String policy, String more) throws Exception {
        return new App(ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=tester" + more)
                .main(ReloadApp.class.getName())
                .start());
    }

    /** Replaces the file's content in one step, as editors and deploy tools do. */
    private static void replace(Path file, String yaml) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, yaml);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitStderr(App app, String text, int occurrences) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (count(app.stderr(), text) >= occurrences) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + text + "' not seen " + occurrences + " time(s) on stderr:\n" + app.stderr());
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void anEditedPolicyDecidesTheNextCallAndIsAudited(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("reload-edit");
        Path policy = Policies.write(dir, "policy.yaml", ALLOWS_PING);
        JvmRun run;
        try (App app = start(jdk, dir, policy.toString(), "")) {
            assertTrue(app.pingAllowed());
            replace(policy, DENIES_PING);
            awaitStderr(app, "[toolgate] policy reloaded: " + policy, 1);
            String refused = app.send("call ping");
            assertTrue(refused.contains("CALL ping denied: Toolgate denied tool 'ping' for role 'tester'"), refused);
            run = app.quit();
        }
        List<AuditLine> changes = run.audit(line -> "policy_change".equals(line.eventType()));
        assertEquals(1, changes.size(), run.describe());
        AuditLine change = changes.get(0);
        String start =
                run.audit(line -> "agent_start".equals(line.eventType())).get(0).text("policy_sha256");
        assertEquals(start, change.text("old_sha256"), change.toString());
        assertNotEquals(change.text("old_sha256"), change.text("new_sha256"));
        assertEquals(64, change.text("new_sha256").length());
        List<AuditLine> pings = run.decisionsAbout("ping");
        assertEquals(start, pings.get(0).text("policy_sha256"));
        assertEquals("deny", pings.get(pings.size() - 1).decision());
        assertEquals(change.text("new_sha256"), pings.get(pings.size() - 1).text("policy_sha256"));
        assertEquals("0", run.stopLine().text("internal_errors"), run.describe());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void anInvalidEditKeepsTheLastGoodPolicy(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("reload-invalid");
        Path policy = Policies.write(dir, "policy.yaml", ALLOWS_PING);
        JvmRun run;
        try (App app = start(jdk, dir, policy.toString(), "")) {
            replace(policy, "roles:\n  tester:\n    alowed_tools: [ping]\n");
            awaitStderr(app, "[toolgate] ERROR: policy reload failed", 1);
            assertTrue(app.pingAllowed(), "the last good policy stays in force");
            String wipe = app.send("call wipe");
            assertTrue(wipe.contains("CALL wipe denied"), wipe);
            Thread.sleep(2_500); // a periodic check of the same content reports nothing new
            List<String> errors = app.stderr()
                    .lines()
                    .filter(l -> l.startsWith("[toolgate] ERROR"))
                    .toList();
            assertEquals(1, errors.size(), app.stderr());
            assertTrue(errors.get(0).contains(policy + ":3:5: key 'roles.tester.alowed_tools'"), errors.get(0));

            replace(policy, DENIES_PING);
            awaitStderr(app, "[toolgate] policy reloaded", 1);
            assertFalse(app.pingAllowed());
            run = app.quit();
        }
        List<AuditLine> failed = run.audit(line -> "policy_reload_failed".equals(line.eventType()));
        assertEquals(1, failed.size(), run.describe());
        assertTrue(
                failed.get(0).text("error").contains("alowed_tools"),
                failed.get(0).toString());
        assertEquals(
                1, run.audit(line -> "policy_change".equals(line.eventType())).size());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void aConfigMapUpdateSwappingTheDataLinkIsPickedUp(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("reload-configmap");
        Path volume = Files.createDirectory(dir.resolve("configmap"));
        // The layout the kubelet makes: a timestamped directory, ..data pointing at it, a link per key.
        Path first = Files.createDirectory(volume.resolve("..2024_01_01_00_00_00.1"));
        Files.writeString(first.resolve("policy.yaml"), ALLOWS_PING);
        Files.createSymbolicLink(volume.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(volume.resolve("policy.yaml"), Path.of("..data/policy.yaml"));
        Path policy = volume.resolve("policy.yaml");
        JvmRun run;
        try (App app = start(jdk, dir, policy.toString(), ",policy.reload.poll=0")) {
            assertTrue(app.pingAllowed());
            Path second = Files.createDirectory(volume.resolve("..2024_01_01_00_01_00.2"));
            Files.writeString(second.resolve("policy.yaml"), DENIES_PING);
            Path link = Files.createSymbolicLink(volume.resolve("..data_tmp"), second.getFileName());
            Files.move(link, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            Files.delete(first.resolve("policy.yaml"));
            Files.delete(first);
            awaitStderr(app, "[toolgate] policy reloaded", 1);
            assertFalse(app.pingAllowed());
            run = app.quit();
        }
        assertEquals(
                1, run.audit(line -> "policy_change".equals(line.eventType())).size(), run.describe());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void reloadPidAsksTheAgentOverJmx(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("reload-jmx");
        Path policy = Policies.write(dir, "policy.yaml", ALLOWS_PING);
        JvmRun run;
        try (App app = start(jdk, dir, policy.toString(), ",policy.reload=false")) {
            Files.writeString(policy, DENIES_PING);
            Thread.sleep(500);
            assertTrue(app.pingAllowed(), "without watching, only a reload on demand changes the policy");

            JvmRun reload = ForkedJvm.cli(jdk, "reload", String.valueOf(app.pid()));
            assertEquals(0, reload.exitCode(), reload.describe());
            assertTrue(reload.stdout().startsWith("reloaded: policy reloaded: " + policy), reload.describe());
            assertFalse(app.pingAllowed());

            JvmRun again = ForkedJvm.cli(jdk, "reload", String.valueOf(app.pid()));
            assertEquals(0, again.exitCode(), again.describe());
            assertTrue(again.stdout().startsWith("unchanged:"), again.describe());

            Files.writeString(policy, "roles: [");
            JvmRun broken = ForkedJvm.cli(jdk, "reload", String.valueOf(app.pid()));
            assertEquals(1, broken.exitCode(), broken.describe());
            assertTrue(broken.stderr().startsWith("failed: policy reload failed"), broken.describe());
            assertTrue(broken.stderr().contains(policy + ":1:"), broken.describe());
            assertFalse(app.pingAllowed());
            run = app.quit();
        }
        List<AuditLine> changes = run.audit(line -> "policy_change".equals(line.eventType()));
        assertEquals(1, changes.size(), run.describe());
        assertEquals("jmx", changes.get(0).text("trigger"));
        JvmRun nobody = ForkedJvm.cli(jdk, "reload", "not-a-pid");
        assertEquals(2, nobody.exitCode(), nobody.describe());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void aReloadStormNeverTurnsEnforcementOffAndTheLastContentWins(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("reload-storm");
        Path policy = Policies.write(dir, "policy.yaml", ALLOWS_PING);
        JvmRun run;
        try (App app = start(jdk, dir, policy.toString(), "")) {
            app.send("storm-start");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int writes = 0;
            while (System.nanoTime() < until) {
                // Written in place (truncate, then write): the watcher may read a torn file, which must not matter.
                Files.writeString(policy, writes % 2 == 0 ? DENIES_PING : ALLOWS_PING);
                writes++;
                Thread.sleep(10);
            }
            Files.writeString(policy, DENIES_PING);
            Thread.sleep(1_500);
            String storm = app.send("storm-stop");
            assertTrue(storm.contains(" bad=0 first=none"), storm);
            assertTrue(writes > 150, "writes: " + writes);
            assertFalse(app.pingAllowed(), "the last content written wins");
            assertTrue(app.jvm.process().isAlive());
            run = app.quit();
        }
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("0", run.stopLine().text("internal_errors"), run.describe());
        long changes;
        try (var files = Files.list(dir)) {
            // The storm's decisions may have rotated the audit file: count in all of them.
            changes = files.filter(f -> f.getFileName().toString().startsWith("audit"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .filter(line -> line.contains("\"event_type\":\"policy_change\""))
                    .count();
        }
        assertTrue(changes >= 1, run.describe());
        assertEquals(changes, count(run.stderr(), "[toolgate] policy reloaded"), run.stderr());
    }
}
