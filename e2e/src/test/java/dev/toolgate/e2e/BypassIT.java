package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.e2e.apps.bypass.BypassApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code running inside an allowed tool (a script tool) tries to get around the gate: replace it, switch the
 * caller to a role that may do everything, forge the woven code's calls of the bridge, change a checked argument
 * behind the gate's back. Every attempt fails, the calls after it are decided as before, and the audit holds
 * nothing forged.
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
    private static final List<String> ATTEMPTS = List.of("install-gate", "refuse-all", "install-scope-guard",
            "install-conversation-interpreter", "install-usage-handler", "scope-api", "scope-bridge",
            "conversation", "forged-enter", "forged-dispatch", "forged-exit");
    private static final Set<String> TOOLS = Set.of("script", "kubectl_get", "kubectl_delete", "apply_manifests");

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void codeInsideAToolCannotGetAroundTheGate(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("bypass");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(jdk).workDir(dir).withTestClassPath().timeoutSeconds(60)
                .agent("policy=" + policy + ",role=ops")
                .main(BypassApp.class.getName())
                .run();
        String log = run.describe() + "\n--- audit\n" + run.audit().stream().map(AuditLine::toString)
                .collect(Collectors.joining("\n"));
        assertEquals(0, run.exitCode(), log);
        assertTrue(run.stdout().lines().anyMatch("DONE"::equals), log);

        Map<String, String> script = outcomes(run, "script");
        String refusedInstall = "threw SecurityException: Toolgate refused ";
        for (String install : List.of("install-gate", "refuse-all", "install-scope-guard",
                "install-conversation-interpreter", "install-usage-handler")) {
            assertTrue(script.get(install).startsWith("RAN " + refusedInstall), install + "\n" + log);
            assertTrue(script.get(install).contains("only the Toolgate agent installs or replaces its gate"), log);
        }
        String refusedScope = "RAN threw SecurityException: Toolgate refused a scope opened inside the call of tool"
                + " 'script': it would change the role from 'ops' to 'admin'";
        assertTrue(script.get("scope-api").startsWith(refusedScope), log);
        assertTrue(script.get("scope-bridge").startsWith(refusedScope), log);
        assertTrue(script.get("forged-enter").startsWith("RAN threw ToolCallDeniedException: Toolgate denied tool"
                + " '#0'"), log);
        assertFalse(script.get("forged-enter").contains("returned"), "every guessed key is refused\n" + log);
        assertFalse(script.get("forged-dispatch").contains("returned"), "every guessed site key is refused\n" + log);
        assertTrue(script.get("forged-dispatch").contains("did not come from a framework's tool dispatch point"),
                log);
        assertEquals("RAN returned null; result returned forged", script.get("forged-exit"), log);

        // Tool calls made inside the script are made by the script's caller, whatever the script opened.
        assertTrue(script.get("install-gate").contains("; nested delete threw ToolCallDeniedException: Toolgate"
                + " denied tool 'kubectl_delete' for role 'ops'"), log);
        assertTrue(script.get("conversation").contains("; nested delete threw ToolCallDeniedException: Toolgate"
                + " denied tool 'kubectl_delete' for role 'ops'"), log);
        assertFalse(run.stdout().contains("BODY kubectl_delete"), "no delete ever ran\n" + log);

        // After each attempt the agent's next calls are decided as before: as ops, by the agent's gate.
        Map<String, String> deletes = outcomes(run, "kubectl_delete");
        Map<String, String> gets = outcomes(run, "kubectl_get");
        for (String attempt : ATTEMPTS) {
            assertTrue(deletes.get(attempt).startsWith("REFUSED Toolgate denied tool 'kubectl_delete' for role 'ops':"),
                    attempt + "\n" + log);
            assertEquals("RAN pod after-" + attempt, gets.get(attempt), attempt + "\n" + log);
            AuditLine delete = decisionNamed(run, "kubectl_delete", "after-" + attempt, log);
            assertEquals("deny", delete.decision(), attempt + "\n" + log);
            assertEquals("ops", delete.text("role"), attempt + "\n" + log);
            AuditLine get = decisionNamed(run, "kubectl_get", "after-" + attempt, log);
            assertEquals("allow", get.decision(), attempt + "\n" + log);
            assertEquals("ops", get.text("role"), attempt + "\n" + log);
        }

        List<AuditLine> calls = run.audit(line -> "decision".equals(line.eventType())
                || "tool_result".equals(line.eventType()));
        for (AuditLine line : calls) {
            assertTrue(TOOLS.contains(line.tool()), "nothing forged is audited as a tool call: " + line + "\n" + log);
            assertEquals("ops", line.text("role"), "no call was made as another role: " + line);
        }
        assertTrue(run.audit(line -> "kubectl_delete".equals(line.tool())).stream()
                .allMatch(line -> "decision".equals(line.eventType()) && "deny".equals(line.decision())), log);
        assertEquals(ATTEMPTS.size() + 2, run.decisionsAbout("kubectl_delete").size(),
                "one per attempt and the two made inside the script\n" + log);
        assertEquals(ATTEMPTS.size(), run.decisionsAbout("script").size(), log);
        assertEquals(ATTEMPTS.size(), run.audit(line -> "tool_result".equals(line.eventType())
                && "script".equals(line.tool())).size(), log);

        assertArgumentCopies(run, log);

        AuditLine stop = run.stopLine();
        long countable = Long.parseLong(line(run, "COUNTABLE-BRIDGE-ATTEMPTS "));
        assertTrue(Long.parseLong(stop.text("refused_bridge_calls")) >= countable,
                "every refused bridge call is counted (" + countable + " made): " + stop);
        assertEquals("0", stop.text("internal_errors"), stop.toString());
        JvmRun verify = ForkedJvm.cli(jdk, "audit", "verify", run.auditFile().toString());
        assertEquals(0, verify.exitCode(), verify.describe());
        assertTrue(verify.stdout().contains("chain intact"), verify.describe());
    }

    /**
     * The caller changed its list after the gate checked it, and the body changed its own: the body saw the
     * checked values and the audit kept them.
     */
    private static void assertArgumentCopies(JvmRun run, String log) {
        assertEquals("[wipe-cluster.yaml]", line(run, "CALLER-LIST "), "the caller did change its list\n" + log);
        assertTrue(run.stdout().contains("BODY apply_manifests [deployment.yaml, service.yaml]\n"),
                "the body saw what was checked\n" + log);
        assertEquals("RAN applied 3", outcomes(run, "apply_manifests").get("changed-by-caller"), log);
        List<AuditLine> decisions = run.decisionsAbout("apply_manifests");
        assertEquals(1, decisions.size(), log);
        JsonNode audited = decisions.get(0).json().path("params").path("manifests");
        assertEquals("[\"deployment.yaml\",\"service.yaml\"]", audited.toString(), "the audit kept what was checked\n"
                + log);
    }

    private static AuditLine decisionNamed(JvmRun run, String tool, String name, String log) {
        List<AuditLine> found = run.decisionsAbout(tool).stream()
                .filter(line -> name.equals(line.json().path("params").path("name").asText(null)))
                .toList();
        assertEquals(1, found.size(), tool + " " + name + "\n" + log);
        return found.get(0);
    }

    /** {@code CALL <tool> <label> <outcome>} lines of one tool, by label. */
    private static Map<String, String> outcomes(JvmRun run, String tool) {
        Pattern call = Pattern.compile("^CALL " + Pattern.quote(tool) + " (\\S+) (.*)$");
        return run.stdout().lines().map(call::matcher).filter(Matcher::matches)
                .collect(Collectors.toMap(match -> match.group(1), match -> match.group(2)));
    }

    private static String line(JvmRun run, String prefix) {
        return run.stdout().lines().filter(text -> text.startsWith(prefix)).map(text -> text.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + "\n" + run.describe()));
    }
}
