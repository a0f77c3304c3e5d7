package dev.toolgate.e2e;

import static dev.toolgate.e2e.apps.dispatch.DispatchScenario.DELETE;
import static dev.toolgate.e2e.apps.dispatch.DispatchScenario.DOWNLOAD_AND_RUN;
import static dev.toolgate.e2e.apps.dispatch.DispatchScenario.GET;
import static dev.toolgate.e2e.apps.dispatch.DispatchScenario.LISTING;
import static dev.toolgate.e2e.apps.dispatch.DispatchScenario.ROLE;
import static dev.toolgate.e2e.apps.dispatch.DispatchScenario.SHELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.dispatch.DispatchOutput;
import dev.toolgate.e2e.apps.dispatch.DispatchScenario;
import java.util.List;
import java.util.Optional;

/** What a dispatch app's run must show per scenario. */
final class DispatchAssertions {

    static final String DELETE_REFUSAL = "Toolgate denied tool 'kubectl_delete' for role 'ops': tool 'kubectl_delete'"
            + " is in denied_tools of role 'ops'";
    static final String SHELL_REFUSAL = "Toolgate denied tool 'shell_exec' for role 'ops': argument 'command' refused"
            + " by shell-command: download and execute";

    private DispatchAssertions() {}

    /**
     * The standard conversation: the two allowed calls ran and their results reached the model; the denied delete
     * and the download-and-run command did not run, the model was handed the refusals, the chat call completed;
     * the audit has exactly one decision per call and one result per call that ran, with role, reason, rule and
     * the arguments by name.
     */
    static void assertStandardConversation(JvmRun run, String scenario) {
        DispatchOutput out = new DispatchOutput(run.stdout());
        SessionAudit audit = new SessionAudit(run, scenario);
        String log = scenario + "\n" + run.describe() + "\n" + audit;

        assertEquals(
                Optional.of(DispatchScenario.FINAL_ANSWER), out.answer(scenario), "the chat call completes\n" + log);
        assertEquals(Optional.empty(), out.chatFailure(scenario), log);
        List<String> bodies = out.bodies(scenario);
        assertEquals(2, bodies.size(), "only the two allowed calls ran: " + bodies + "\n" + log);
        assertTrue(bodies.get(0).startsWith(GET + " "), log);
        assertTrue(bodies.get(1).startsWith(SHELL + " ") && bodies.get(1).contains(LISTING), log);
        assertTrue(bodies.stream().noneMatch(body -> body.startsWith(DELETE) || body.contains("curl")), log);

        assertTrue(out.modelSaw(scenario, "get-1").orElse("").contains("ok from " + GET), log);
        assertTrue(
                out.modelSaw(scenario, "delete-1").orElse("").startsWith(DELETE_REFUSAL),
                "the model is handed the refusal as the tool's result\n" + log);
        assertTrue(out.modelSaw(scenario, "shell-1").orElse("").startsWith(SHELL_REFUSAL), log);
        assertTrue(out.modelSaw(scenario, "shell-2").orElse("").contains("ok from " + SHELL), log);

        assertEquals(4, audit.decisions().size(), "one decision per call\n" + log);
        assertEquals(2, audit.results().size(), "one result per call that ran\n" + log);
        AuditLine delete = audit.decision(DELETE, "name", "web");
        assertDenied(delete, "roles.ops.denied_tools", "is in denied_tools of role 'ops'", log);
        assertEquals("prod", SessionAudit.params(delete).path("namespace").asText(), log);
        assertEquals("delete", delete.text("risk_level"), log);
        assertEquals(0, audit.results(DELETE).size(), "a refused call has no result\n" + log);
        AuditLine download = audit.decision(SHELL, "command", DOWNLOAD_AND_RUN);
        assertDeniedByRule(
                download,
                "shell.piped-code",
                "tools.shell_exec.params.command",
                "argument 'command' refused by shell-command",
                log);
        AuditLine listing = audit.decision(SHELL, "command", LISTING);
        assertEquals("allow", listing.decision(), log);
        AuditLine get = audit.decision(GET, "name", "web");
        assertEquals("allow", get.decision(), log);
        assertEquals(ROLE, get.text("role"), log);
        assertEquals(1, audit.results(GET).size(), log);
        assertEquals(1, audit.results(SHELL).size(), log);
    }

    static void assertDenied(AuditLine decision, String rule, String reason, String log) {
        assertEquals("deny", decision.decision(), log);
        assertEquals(ROLE, decision.text("role"), log);
        assertEquals(rule, decision.text("rule"), log);
        assertTrue(decision.text("reason").contains(reason), "reason: " + decision.text("reason") + "\n" + log);
    }

    /** Denied by a rule of a pack: its id is the audit's {@code rule}, the policy key it applied under beside it. */
    static void assertDeniedByRule(AuditLine decision, String ruleId, String policyKey, String reason, String log) {
        assertDenied(decision, ruleId, reason, log);
        assertEquals(policyKey, decision.text("policy_key"), log);
        assertTrue(decision.text("reason").endsWith("[" + ruleId + "]"), "reason: " + decision.text("reason"));
    }

    /** The app ran every scenario, exited normally, the agent had no internal errors and the chain verifies. */
    static void assertFinishedCleanly(Jdks.Jdk jdk, JvmRun run) throws Exception {
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().lines().anyMatch("DONE"::equals), run.describe());
        AuditLine stop = run.stopLine();
        assertEquals("0", stop.text("internal_errors"), stop.toString());
        assertEquals("0", stop.text("instrumentation_errors"), stop.toString());
        JvmRun verify = ForkedJvm.cli(jdk, "audit", "verify", run.auditFile().toString());
        assertEquals(0, verify.exitCode(), verify.describe());
        assertTrue(verify.stdout().contains("chain intact"), verify.describe());
    }
}
