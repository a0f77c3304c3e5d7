package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.sandbox.EscapeApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox on real JVMs with the real agent: code inside an allowed tool tries every escape of
 * {@code Escapes} (processes, connections, servers, file writes and deletes through each API, tricky paths, the
 * JVM itself, other threads and pools); each must end in the sandbox's SecurityException at the operation, leave
 * no effect, and be audited. What tools may do, and everything outside tool calls, still works.
 */
class SandboxIT {

    private static final String POLICY = """
            version: 1
            roles:
              tools:
                allowed_tools: ["*"]
                approval:
                  defaults: {modify: allow, delete: allow, external: allow}
                sandbox:
                  processes:
                    allow: [/usr/bin/true]
                    validator: shell-command
              watched:
                allowed_tools: ["*"]
                approval:
                  defaults: {modify: allow, delete: allow, external: allow}
                sandbox: {mode: monitor}
              limited:
                allowed_tools: ["*"]
                approval:
                  defaults: {modify: allow, delete: allow, external: allow}
                sandbox: {max_violations: 2}
            """;

    private static final String HOSTS = """
            169.254.169.254 metadata.test
            93.184.216.34 multi.test
            169.254.169.254 multi.test
            """;

    private static final Map<Integer, JvmRun> RUNS = new ConcurrentHashMap<>();

    private static JvmRun run(Jdks.Jdk jdk) {
        return RUNS.computeIfAbsent(jdk.feature(), feature -> {
            try {
                Path dir = ForkedJvm.freshWorkDir("sandbox");
                Path policy = Policies.write(dir, "policy.yaml", POLICY);
                Path hosts = Files.writeString(dir.resolve("hosts"), HOSTS);
                return ForkedJvm.on(jdk)
                        .workDir(dir)
                        .withTestClassPath()
                        .timeoutSeconds(120)
                        .jvmOption("-Djdk.net.hosts.file=" + hosts)
                        .agent("policy=" + policy + ",role=tools")
                        .main(EscapeApp.class.getName())
                        .run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static Map<String, String> lines(JvmRun run, String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        run.stdout().lines().filter(line -> line.startsWith(prefix + " ")).forEach(line -> {
            String rest = line.substring(prefix.length() + 1);
            int space = rest.indexOf(' ');
            found.put(rest.substring(0, space), rest.substring(space + 1));
        });
        return found;
    }

    private static String realShell() {
        try {
            return Path.of("/bin/sh").toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String log(JvmRun run) {
        return run.describe();
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void everyEscapeIsRefusedAtTheOperation(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        assertEquals(0, run.exitCode(), log);
        assertTrue(run.stdout().lines().anyMatch("DONE"::equals), "System.exit and halt were refused\n" + log);
        Map<String, String> escapes = lines(run, "ESCAPE");
        List<String> attempted = new ArrayList<>();
        List<String> escaped = new ArrayList<>();
        for (Map.Entry<String, String> escape : escapes.entrySet()) {
            if (escape.getKey().startsWith("allowed-")) {
                continue;
            }
            if (escape.getValue().startsWith("OK SKIPPED")) {
                continue;
            }
            attempted.add(escape.getKey());
            if (!escape.getValue().startsWith("REFUSED Toolgate sandbox")) {
                escaped.add(escape.getKey() + " -> " + escape.getValue());
            }
        }
        System.out.println("[sandbox " + jdk + "] contained " + (attempted.size() - escaped.size()) + " of "
                + attempted.size() + " escape attempts");
        assertTrue(attempted.size() >= 30, "at least 30 escapes are tried: " + attempted);
        assertEquals(List.of(), escaped, log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void refusedEscapesLeaveNoEffectAndAreAudited(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        // Only the work submitted before the call, and the monitored write, wrote outside the temporary directory.
        assertTrue(
                run.stdout().lines().anyMatch("OUTSIDE [before-call.txt, monitored.txt]"::equals),
                "only the work submitted before the call and the monitored write left files\n" + log);
        assertTrue(run.stdout().lines().anyMatch("VICTIM true"::equals), log);
        List<AuditLine> violations = run.audit(line -> "sandbox_violation".equals(line.eventType()));
        long refused = lines(run, "ESCAPE").values().stream()
                .filter(v -> v.startsWith("REFUSED"))
                .count();
        assertTrue(violations.size() >= refused, violations.size() + " violations for " + refused + "\n" + log);
        AuditLine metadata = violations.stream()
                .filter(line -> line.text("target").startsWith("metadata.test/169.254.169.254:443"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the metadata connect is audited by name and address\n" + log));
        assertEquals("run_code", metadata.tool(), metadata.toString());
        assertEquals("connect", metadata.text("operation"), metadata.toString());
        assertTrue(metadata.text("violation").contains("cloud metadata address"), metadata.toString());
        assertTrue(metadata.json().path("stack").toString().contains("Escapes"), metadata.toString());
        assertTrue(
                violations.stream()
                        .anyMatch(line -> "exec".equals(line.text("operation"))
                                && realShell().equals(line.text("resolved"))),
                "a link to the shell is judged as the shell\n" + log);
        AuditLine destructive = violations.stream()
                .filter(line -> "exec".equals(line.text("operation"))
                        && line.text("target").endsWith("/rm -rf /"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("an allowed program's destructive arguments are audited\n" + log));
        assertEquals("/usr/bin/true", destructive.text("resolved"), destructive.toString());
        assertTrue(destructive.text("violation").contains("processes.validator"), destructive.toString());
        List<AuditLine> flood = violations.stream()
                .filter(line -> "create thread".equals(line.text("operation")))
                .toList();
        assertEquals(1, flood.size(), "the flood is stopped at the first thread over the limit\n" + log);
        assertTrue(
                flood.get(0).text("violation").contains("created 256 threads"),
                flood.get(0).toString());
        assertTrue(
                violations.stream()
                        .anyMatch(line -> line.text("target").startsWith("/proc/self/root")
                                && !line.text("resolved").startsWith("/proc")),
                "/proc/self/root is resolved\n" + log);
        for (String api : List.of("nio", "io")) {
            assertTrue(
                    violations.stream()
                            .anyMatch(line -> line.text("target").endsWith("/dangling-" + api)
                                    && line.text("resolved").endsWith("/through-dangling-" + api + ".txt")),
                    "a create through a dangling link (" + api + ") is judged by the link's target\n" + log);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void whatToolsMayDoAndEverythingOutsideToolCallsStillWorks(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        Map<String, String> escapes = lines(run, "ESCAPE");
        for (String allowed : List.of(
                "allowed-write-in-tmp",
                "allowed-read",
                "allowed-program",
                "allowed-program-plain-arguments",
                "allowed-delete-in-tmp")) {
            assertTrue(escapes.get(allowed).startsWith("OK "), allowed + ": " + escapes.get(allowed) + "\n" + log);
        }
        assertEquals("OK exit 0", escapes.get("allowed-program"), log);
        assertEquals("OK exit 0", escapes.get("allowed-program-plain-arguments"), log);
        Map<String, String> free = lines(run, "FREE");
        assertTrue(free.get("write").startsWith("OK wrote"), log);
        assertTrue(free.get("process").startsWith("OK started"), log);
        assertEquals("OK read internal secret", free.get("loopback"), log);
        assertTrue(free.get("reflect").startsWith("OK opened"), log);
        assertTrue(
                lines(run, "CONTROL").get("release-work-submitted-before").startsWith("OK released wrote"),
                "work submitted before the call is not in its scope\n" + log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void declaredRiskLimitsWhatAToolMayDo(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        Map<String, String> mismatch = lines(run, "MISMATCH");
        for (String refused :
                List.of("read-writes", "read-connects", "read-execs", "modify-deletes", "modify-connects")) {
            assertTrue(mismatch.get(refused).startsWith("REFUSED Toolgate sandbox"), refused + "\n" + log);
            assertTrue(mismatch.get(refused).contains("but"), mismatch.get(refused));
        }
        assertTrue(mismatch.get("read-reads").startsWith("OK read"), log);
        assertTrue(mismatch.get("modify-writes").startsWith("OK wrote"), log);
        List<AuditLine> mismatches = run.audit(line -> "risk_mismatch".equals(line.eventType()));
        assertTrue(mismatches.size() >= 5, log);
        assertTrue(
                mismatches.stream()
                        .anyMatch(line -> "read_report".equals(line.tool()) && "write".equals(line.text("operation"))
                                || "create".equals(line.text("operation"))),
                log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void monitorModeRecordsAndTheViolationLimitRefusesTheSession(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        Map<String, String> roles = lines(run, "ROLE");
        assertTrue(roles.get("watched").startsWith("OK wrote"), log);
        assertTrue(
                run.audit(line -> "sandbox_violation".equals(line.eventType())
                                        && "recorded".equals(line.text("action")))
                                .size()
                        >= 1,
                log);
        assertTrue(roles.get("limited-1").startsWith("REFUSED"), log);
        assertTrue(roles.get("limited-2").startsWith("REFUSED"), log);
        assertTrue(roles.get("limited-3").startsWith("CALL-REFUSED"), log);
        assertTrue(
                roles.get("limited-3").contains("max_violations")
                        || roles.get("limited-3").contains("limit"),
                log);
    }
}
