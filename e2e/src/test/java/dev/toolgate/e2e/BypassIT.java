package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.e2e.apps.bypass.BypassApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code running inside an allowed tool (a script tool) tries to get around the gate: replace it, switch the
 * caller to a role that may do everything, forge the woven code's calls of the bridge, change a checked argument
 * behind the gate's back. Every attempt must fail, the calls after it must be decided as before, and the audit
 * must hold nothing forged. One JVM per JDK makes every attempt; the tests read its output and audit file.
 */
class BypassIT {

    /** ops may not delete; admin may do anything without asking, so any switch to admin would show. */
    private static final String POLICY = """
            version: 1
            roles:
              ops:
                allowed_tools: [script, kubectl_get, apply_manifests]
                denied_tools: [kubectl_delete]
              admin:
                allowed_tools: ["*"]
                approval:
                  defaults: {modify: allow, delete: allow, external: allow}
            """;

    private static final List<String> INSTALLS = List.of(
            "install-gate",
            "refuse-all",
            "install-scope-guard",
            "install-conversation-interpreter",
            "install-usage-handler");
    private static final List<String> ATTEMPTS = List.of(
            "install-gate",
            "refuse-all",
            "install-scope-guard",
            "install-conversation-interpreter",
            "install-usage-handler",
            "scope-api",
            "scope-bridge",
            "conversation",
            "forged-enter",
            "forged-dispatch",
            "forged-exit",
            "scope-on-new-thread");
    private static final Set<String> TOOLS = Set.of("script", "kubectl_get", "kubectl_delete", "apply_manifests");
    /** The delete a thread started by the script makes: judged in a test of its own. */
    private static final String FROM_NEW_THREAD = "from-new-thread";

    private static final Map<Integer, JvmRun> RUNS = new ConcurrentHashMap<>();

    private static JvmRun run(Jdks.Jdk jdk) {
        return RUNS.computeIfAbsent(jdk.feature(), feature -> {
            try {
                Path dir = ForkedJvm.freshWorkDir("bypass");
                Path policy = Policies.write(dir, "policy.yaml", POLICY);
                return ForkedJvm.on(jdk)
                        .workDir(dir)
                        .withTestClassPath()
                        .timeoutSeconds(60)
                        .agent("policy=" + policy + ",role=ops")
                        .main(BypassApp.class.getName())
                        .run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void onlyTheAgentInstallsOrReplacesTheGate(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        assertEquals(0, run.exitCode(), log);
        assertTrue(run.stdout().lines().anyMatch("DONE"::equals), log);
        Map<String, String> script = outcomes(run, "script");
        for (String install : INSTALLS) {
            assertTrue(
                    script.get(install).startsWith("RAN threw SecurityException: Toolgate refused "),
                    install + "\n" + log);
            assertTrue(script.get(install).contains("only the Toolgate agent installs or replaces its gate"), log);
        }
        // Inside the script, right after its own gate was refused: still the agent's gate, still ops.
        assertTrue(
                script.get("install-gate")
                        .contains("; nested delete threw ToolCallDeniedException: Toolgate"
                                + " denied tool 'kubectl_delete' for role 'ops'"),
                log);
        assertCallsAfterwardsDecidedAsBefore(run, INSTALLS, log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void scopesOpenedInsideAToolCallCannotSwitchTheCaller(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        Map<String, String> script = outcomes(run, "script");
        String refusedScope = "RAN threw SecurityException: Toolgate refused a scope opened inside the call of tool"
                + " 'script': it would change the role from 'ops' to 'admin'";
        assertTrue(script.get("scope-api").startsWith(refusedScope), log);
        assertTrue(script.get("scope-bridge").startsWith(refusedScope), log);
        // A framework conversation naming admin, left open: calls inside and after the script are still ops.
        assertTrue(script.get("conversation").startsWith("RAN returned "), log);
        assertTrue(
                script.get("conversation")
                        .contains("; nested delete threw ToolCallDeniedException: Toolgate"
                                + " denied tool 'kubectl_delete' for role 'ops'"),
                log);
        assertCallsAfterwardsDecidedAsBefore(run, List.of("scope-api", "scope-bridge", "conversation"), log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void aThreadStartedInsideAToolCallCannotSwitchTheCallerEither(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        String outcome = outcomes(run, "script").get("scope-on-new-thread");
        assertFalse(
                run.stdout().contains("BODY kubectl_delete prod/" + FROM_NEW_THREAD),
                "a thread the script starts must not delete as admin: " + outcome + "\n" + log);
        AuditLine delete = decisionNamed(run, "kubectl_delete", FROM_NEW_THREAD, log);
        assertEquals("deny", delete.decision(), log);
        assertEquals("ops", delete.text("role"), log);
        assertCallsAfterwardsDecidedAsBefore(run, List.of("scope-on-new-thread"), log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void forgedBridgeCallsAreRefusedAndNeverAudited(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        Map<String, String> script = outcomes(run, "script");
        assertTrue(
                script.get("forged-enter")
                        .startsWith("RAN threw ToolCallDeniedException: Toolgate denied tool" + " '#0'"),
                log);
        assertFalse(script.get("forged-enter").contains("returned"), "every guessed key is refused\n" + log);
        assertTrue(script.get("forged-dispatch").contains("did not come from a framework's tool dispatch point"), log);
        assertFalse(script.get("forged-dispatch").contains("returned"), "every guessed site key is refused\n" + log);
        assertEquals("RAN returned null; result returned forged", script.get("forged-exit"), log);
        assertCallsAfterwardsDecidedAsBefore(run, List.of("forged-enter", "forged-dispatch", "forged-exit"), log);

        for (AuditLine line : run.audit(BypassIT::isCall)) {
            assertTrue(TOOLS.contains(line.tool()), "nothing forged is audited as a tool call: " + line + "\n" + log);
        }
        assertEquals(ATTEMPTS.size(), run.decisionsAbout("script").size(), log);
        assertEquals(
                ATTEMPTS.size(),
                run.audit(line -> "tool_result".equals(line.eventType()) && "script".equals(line.tool()))
                        .size(),
                log);
        AuditLine stop = run.stopLine();
        long made = Long.parseLong(line(run, "COUNTABLE-BRIDGE-ATTEMPTS "));
        assertTrue(
                Long.parseLong(stop.text("refused_bridge_calls")) >= made,
                "every refused bridge call is counted (" + made + " made): " + stop);
        assertEquals("0", stop.text("internal_errors"), stop.toString());
    }

    /**
     * The caller changed its list after the gate checked it, and the body changed its own: the body saw the
     * checked values and the audit kept them.
     */
    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void checkedArgumentsCannotBeChangedBehindTheGate(Jdks.Jdk jdk) {
        JvmRun run = run(jdk);
        String log = log(run);
        assertEquals("[wipe-cluster.yaml]", line(run, "CALLER-LIST "), "the caller did change its list\n" + log);
        assertTrue(
                run.stdout().lines().anyMatch("BODY apply_manifests [deployment.yaml, service.yaml]"::equals),
                "the body saw what was checked\n" + log);
        assertEquals("RAN applied 3", outcomes(run, "apply_manifests").get("changed-by-caller"), log);
        List<AuditLine> decisions = run.decisionsAbout("apply_manifests");
        assertEquals(1, decisions.size(), log);
        JsonNode audited = decisions.get(0).json().path("params").path("manifests");
        assertEquals(
                "[\"deployment.yaml\",\"service.yaml\"]",
                audited.toString(),
                "the audit kept what was checked\n" + log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void theAuditChainVerifiesAfterAllOfIt(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk);
        JvmRun verify = ForkedJvm.cli(jdk, "audit", "verify", run.auditFile().toString());
        assertEquals(0, verify.exitCode(), verify.describe());
        assertTrue(verify.stdout().contains("chain intact"), verify.describe());
    }

    /**
     * After each attempt the agent's next calls are decided as before, by the agent's gate and as ops: the denied
     * delete is refused before its body, the allowed read runs.
     */
    private static void assertCallsAfterwardsDecidedAsBefore(JvmRun run, List<String> attempts, String log) {
        Map<String, String> deletes = outcomes(run, "kubectl_delete");
        Map<String, String> gets = outcomes(run, "kubectl_get");
        for (String attempt : attempts) {
            assertTrue(
                    deletes.get(attempt).startsWith("REFUSED Toolgate denied tool 'kubectl_delete' for role 'ops':"),
                    attempt + "\n" + log);
            assertFalse(run.stdout().contains("BODY kubectl_delete prod/after-" + attempt + "\n"), log);
            assertEquals("RAN pod after-" + attempt, gets.get(attempt), attempt + "\n" + log);
            AuditLine delete = decisionNamed(run, "kubectl_delete", "after-" + attempt, log);
            assertEquals("deny", delete.decision(), attempt + "\n" + log);
            assertEquals("ops", delete.text("role"), attempt + "\n" + log);
            AuditLine get = decisionNamed(run, "kubectl_get", "after-" + attempt, log);
            assertEquals("allow", get.decision(), attempt + "\n" + log);
            assertEquals("ops", get.text("role"), attempt + "\n" + log);
        }
        List<AuditLine> deleteDecisions = run.decisionsAbout("kubectl_delete").stream()
                .filter(line -> !FROM_NEW_THREAD.equals(
                        line.json().path("params").path("name").asText()))
                .toList();
        assertTrue(
                deleteDecisions.stream()
                        .allMatch(line -> "deny".equals(line.decision()) && "ops".equals(line.text("role"))),
                "no delete was let through\n" + log);
        assertTrue(
                run.stdout()
                        .lines()
                        .filter(text -> text.startsWith("BODY kubectl_delete "))
                        .allMatch(text -> text.endsWith("/" + FROM_NEW_THREAD)),
                log);
    }

    private static boolean isCall(AuditLine line) {
        return "decision".equals(line.eventType()) || "tool_result".equals(line.eventType());
    }

    private static AuditLine decisionNamed(JvmRun run, String tool, String name, String log) {
        List<AuditLine> found = run.decisionsAbout(tool).stream()
                .filter(line ->
                        name.equals(line.json().path("params").path("name").asText(null)))
                .toList();
        assertEquals(1, found.size(), tool + " " + name + "\n" + log);
        return found.get(0);
    }

    /** {@code CALL <tool> <label> <outcome>} lines of one tool, by label. */
    private static Map<String, String> outcomes(JvmRun run, String tool) {
        Pattern call = Pattern.compile("^CALL " + Pattern.quote(tool) + " (\\S+) (.*)$");
        return run.stdout()
                .lines()
                .map(call::matcher)
                .filter(Matcher::matches)
                .collect(Collectors.toMap(match -> match.group(1), match -> match.group(2)));
    }

    private static String line(JvmRun run, String prefix) {
        return run.stdout()
                .lines()
                .filter(text -> text.startsWith(prefix))
                .map(text -> text.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + "\n" + run.describe()));
    }

    private static String log(JvmRun run) {
        return run.describe() + "\n--- audit\n"
                + run.audit(BypassIT::isCall).stream().map(AuditLine::toString).collect(Collectors.joining("\n"));
    }
}
