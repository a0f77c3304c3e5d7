package dev.toolgate.agent.policytool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.decision.TraceStep;
import dev.toolgate.agent.dispatch.ToolArguments;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainerTest {

    private static final String POLICY = """
            roles:
              ops:
                allowed_tools: [kubectl_get, kubectl_delete, shell_exec, "report_*"]
                denied_tools: [report_secret]
                resource_limits: {max_api_calls: 2}
                approval:
                  rules:
                    - id: staging-cleanup
                      tools: [kubectl_delete]
                      when: {namespace: app-staging}
                      action: auto_approve
                    - tools: [kubectl_delete]
                      when: {namespace: production}
                      action: deny
            tools:
              kubectl_get: {risk: read}
              kubectl_delete: {risk: delete}
              report_secret: {risk: read}
              shell_exec:
                risk: delete
                params:
                  command: {validator: shell-command, allow_programs: [ls]}
            """;

    @TempDir
    Path dir;

    private Explainer explainer() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, POLICY);
        Policy policy = PolicyTools.loader().load(file);
        return Explainer.forPolicy(policy);
    }

    private static Explanation explain(Explainer explainer, String tool, String json, String session) throws Exception {
        return explainer.explain(new CallSpec("ops", tool, ToolArguments.parse(json), session, null));
    }

    private static TraceStep step(Explanation explanation, String name, String verdict) {
        return explanation.steps().stream()
                .filter(step -> step.step().equals(name) && step.verdict().equals(verdict))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + name + "/" + verdict + " step in " + explanation.steps()));
    }

    @Test
    void aDenyListHitSaysWhichEntryAndThatDenyWinsOverTheAllowList() throws Exception {
        Explanation explanation = explain(explainer(), "report_secret", "{}", "s");
        assertEquals(CallVerdict.DENY, explanation.verdict());
        TraceStep permission = step(explanation, "permission", "deny");
        assertEquals("roles.ops.denied_tools", permission.rule());
        assertTrue(permission.detail().contains("(entry 'report_secret')"), permission.detail());
        assertTrue(
                permission.detail().contains("also matches allowed_tools entry 'report_*', and denied_tools wins"),
                permission.detail());
        TraceStep risk = step(explanation, "risk", "read");
        assertEquals("tools.report_secret", risk.rule());
        // The first refusal ends the decision: nothing after permission ran.
        assertEquals(2, explanation.steps().size(), explanation.steps().toString());
    }

    @Test
    void aToolThePolicyDoesNotKnowIsOfTheHighestRiskAndDeniedByDefault() throws Exception {
        Explanation explanation = explain(explainer(), "send_email", "{\"to\":\"x@evil.example\"}", "s");
        assertEquals(CallVerdict.DENY, explanation.verdict());
        assertEquals(RiskLevel.HIGHEST, explanation.decision().risk());
        TraceStep risk = step(explanation, "risk", "external");
        assertTrue(risk.detail().startsWith("unknown: no tools: entry for 'send_email'"), risk.detail());
        assertNull(risk.rule());
        TraceStep permission = step(explanation, "permission", "deny");
        assertTrue(permission.detail().endsWith("(default deny)"), permission.detail());
        assertEquals("roles.ops.allowed_tools", permission.rule());
    }

    @Test
    void aDeclaredRiskIsUsedWhenThePolicyGivesNone() throws Exception {
        Explanation explanation = explainer()
                .explain(new CallSpec("ops", "report_daily", ToolArguments.parse("{}"), "s", RiskLevel.READ));
        assertEquals(CallVerdict.ALLOW, explanation.verdict());
        assertTrue(step(explanation, "risk", "read").detail().contains("@AgentTool(risk)"));
    }

    @Test
    void aValidatorRefusalNamesTheValidatorAndTheParameter() throws Exception {
        Explanation explanation = explain(explainer(), "shell_exec", "{\"command\":\"rm -rf /\"}", "s");
        assertEquals(CallVerdict.DENY, explanation.verdict());
        TraceStep refusal = step(explanation, "validation", "deny");
        assertEquals("tools.shell_exec.params.command", refusal.rule());
        assertTrue(refusal.detail().startsWith("params.command (shell-command): "), refusal.detail());
        assertTrue(refusal.detail().contains("argument 'command' refused by shell-command"), refusal.detail());
    }

    @Test
    void aValidatorThatAcceptsSaysSoPerParameter() throws Exception {
        Explanation explanation = explain(explainer(), "shell_exec", "{\"command\":\"ls -la\"}", "s");
        TraceStep pass = step(explanation, "validation", "pass");
        assertEquals("params.command: shell-command accepts the argument", pass.detail());
        // delete with no rule for shell_exec: the built-in default asks a person.
        assertEquals(CallVerdict.APPROVAL, explanation.verdict());
        assertNull(step(explanation, "approval", "approve").rule());
    }

    @Test
    void theApprovalRuleWhoseWhenConditionMatchedDecidesAndTheOthersSayWhyNot() throws Exception {
        Explanation explanation = explain(explainer(), "kubectl_delete", "{\"namespace\":\"app-staging\"}", "s");
        assertEquals(CallVerdict.ALLOW, explanation.verdict());
        assertEquals("roles.ops.approval.rules[0]", explanation.decision().rule());
        TraceStep match = step(explanation, "approval", "match");
        assertTrue(match.detail().startsWith("rule 'staging-cleanup' matches (auto_approve)"), match.detail());
        TraceStep other = step(explanation, "approval", "no match");
        assertEquals("roles.ops.approval.rules[1]", other.rule());
        assertTrue(
                other.detail().contains("when.namespace: 'app-staging' does not match [production]"), other.detail());
    }

    @Test
    void aMatchingDenyRuleWins() throws Exception {
        Explanation explanation = explain(explainer(), "kubectl_delete", "{\"namespace\":\"production\"}", "s");
        assertEquals(CallVerdict.DENY, explanation.verdict());
        assertEquals("roles.ops.approval.rules[1]", explanation.decision().rule());
        assertTrue(step(explanation, "approval", "match").detail().contains("a matching deny rule always wins"));
    }

    @Test
    void budgetsCountCallsOfOneSessionAndStartFreshForAnother() throws Exception {
        Explainer explainer = explainer();
        assertEquals(
                CallVerdict.ALLOW, explain(explainer, "kubectl_get", "{}", "a").verdict());
        assertEquals(
                CallVerdict.ALLOW, explain(explainer, "kubectl_get", "{}", "a").verdict());
        Explanation third = explain(explainer, "kubectl_get", "{}", "a");
        assertEquals(CallVerdict.DENY, third.verdict());
        TraceStep spent = step(third, "budgets", "deny");
        assertTrue(spent.detail().startsWith("budget max_api_calls of role 'ops' is spent"), spent.detail());
        assertEquals(
                CallVerdict.ALLOW, explain(explainer, "kubectl_get", "{}", "b").verdict());
    }

    @Test
    void explainPrintsTheDecisionAndTheChainAndJsonForMachines() throws Exception {
        explainer();
        Path policy = dir.resolve("policy.yaml");
        Run text = Run.of(Run.EXPLAIN, "--policy", policy.toString(), "--role", "ops", "--tool", "report_secret");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("decision: deny\n"), text.out());
        assertTrue(text.out().contains("permission deny"), text.out());
        assertTrue(text.out().contains("[roles.ops.denied_tools]"), text.out());

        Run json = Run.of(
                Run.EXPLAIN,
                "--policy",
                policy.toString(),
                "--role=ops",
                "--tool=kubectl_delete",
                "--args",
                "{\"namespace\":\"app-dev\"}",
                "--format",
                "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"decision\":\"approval\""), json.out());
        assertTrue(json.out().contains("\"step\":\"budgets\""), json.out());
    }

    @Test
    void explainUsageErrorsExitTwoAndABrokenPolicyOne() throws Exception {
        explainer();
        String policy = dir.resolve("policy.yaml").toString();
        Run missing = Run.of(Run.EXPLAIN, "--policy", policy, "--tool", "x");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required option: '--role=ROLE'"), missing.err());
        Run badJson = Run.of(Run.EXPLAIN, "--policy", policy, "--role", "ops", "--tool", "x", "--args", "[1]");
        assertEquals(2, badJson.code());
        assertTrue(badJson.err().contains("--args is not usable: the arguments are not a JSON object"), badJson.err());
        Run unknown = Run.of(Run.EXPLAIN, "--policy", policy, "--role", "ops", "--tool", "x", "--verbose");
        assertEquals(2, unknown.code());
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "roles:\n  ops:\n    alowed_tools: [x]\n");
        Run brokenRun = Run.of(Run.EXPLAIN, "--policy", broken.toString(), "--role", "ops", "--tool", "x");
        assertEquals(1, brokenRun.code());
        assertTrue(brokenRun.err().contains("broken.yaml:3:5: key 'roles.ops.alowed_tools'"), brokenRun.err());
        assertEquals(1, List.of(brokenRun.err().split("\n")).size(), "one line, no stack trace: " + brokenRun.err());
    }
}
