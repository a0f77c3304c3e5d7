package dev.toolgate.agent.approval;

import static dev.toolgate.agent.approval.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.toolgate.agent.policy.ApprovalAction;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalRulesTest {

    @TempDir
    Path dir;

    private ApprovalRules rules() throws Exception {
        return new ApprovalRules(Calls.policy(dir, """
                approval:
                  defaults: {modify: approve}
                roles:
                  ops:
                    allowed_tools: ["*"]
                    approval:
                      defaults: {read: log}
                      rules:
                        - id: staging-deletes
                          tools: [kubectl_delete]
                          when: {namespace: app-staging}
                          action: auto_approve
                        - tools: [send_email]
                          when: {to: "*@corp.example"}
                          action: auto_approve
                          timeout: 5s
                        - tools: [send_email]
                          when: {to: ["*@evil.example", "*@*.evil.example"]}
                          action: deny
                        - tools: ["kubectl_*"]
                          action: approve
                          max_grant: always
                  guest:
                    allowed_tools: ["*"]
                """), Duration.ofSeconds(60));
    }

    private static final List<String> EMAIL = List.of("to", "body");

    @Test
    void argumentConditionsAutoApproveOnlyTheMatchingCalls() throws Exception {
        ApprovalRules rules = rules();
        Requirement staging = rules.requirementFor(
                call("ops", "s", "kubectl_delete", List.of("namespace", "name"), "app-staging", "web"),
                RiskLevel.DELETE);
        assertEquals(ApprovalAction.AUTO_APPROVE, staging.action());
        assertEquals("staging-deletes", staging.ruleId());
        Requirement production = rules.requirementFor(
                call("ops", "s", "kubectl_delete", List.of("namespace", "name"), "production", "web"),
                RiskLevel.DELETE);
        assertEquals(ApprovalAction.APPROVE, production.action());
        assertEquals("roles.ops.approval.rules[3]", production.rule());
    }

    @Test
    void wildcardsInConditionsDoNotReachAcrossSeparators() throws Exception {
        ApprovalRules rules = rules();
        assertEquals(
                ApprovalAction.AUTO_APPROVE,
                rules.requirementFor(
                                call("ops", "s", "send_email", EMAIL, "ann@corp.example", "hi"), RiskLevel.EXTERNAL)
                        .action());
        assertEquals(
                Duration.ofSeconds(5),
                rules.requirementFor(
                                call("ops", "s", "send_email", EMAIL, "ann@corp.example", "hi"), RiskLevel.EXTERNAL)
                        .timeout());
        for (String sneaky : List.of(
                "mallory@evil.example, ann@corp.example",
                "mallory@evil.example\n@corp.example",
                "a@corp.example.evil.example",
                " @corp.example")) {
            assertNotEquals(
                    ApprovalAction.AUTO_APPROVE,
                    rules.requirementFor(call("ops", "s", "send_email", EMAIL, sneaky, "hi"), RiskLevel.EXTERNAL)
                            .action(),
                    sneaky);
        }
    }

    @Test
    void aMatchingDenyRuleWinsWhateverItsPlace() throws Exception {
        assertEquals(
                ApprovalAction.DENY,
                rules().requirementFor(
                                call("ops", "s", "send_email", EMAIL, "x@mail.evil.example", "hi"), RiskLevel.EXTERNAL)
                        .action());
    }

    @Test
    void listArgumentsMatchOnlyWhenEveryElementDoes() throws Exception {
        ApprovalRules rules = rules();
        assertEquals(
                ApprovalAction.AUTO_APPROVE,
                rules.requirementFor(
                                call(
                                        "ops",
                                        "s",
                                        "send_email",
                                        EMAIL,
                                        List.of("a@corp.example", "b@corp.example"),
                                        "hi"),
                                RiskLevel.EXTERNAL)
                        .action());
        assertEquals(
                ApprovalAction.APPROVE,
                rules.requirementFor(
                                call(
                                        "ops",
                                        "s",
                                        "send_email",
                                        EMAIL,
                                        List.of("a@corp.example", "b@gmail.example"),
                                        "hi"),
                                RiskLevel.EXTERNAL)
                        .action());
        assertEquals(
                ApprovalAction.APPROVE,
                rules.requirementFor(call("ops", "s", "send_email", EMAIL, List.of(), "hi"), RiskLevel.EXTERNAL)
                        .action());
        assertEquals(
                ApprovalAction.APPROVE,
                rules.requirementFor(call("ops", "s", "send_email", EMAIL, null, "hi"), RiskLevel.EXTERNAL)
                        .action());
    }

    @Test
    void defaultsComeFromTheRoleThenThePolicyThenBuiltIn() throws Exception {
        ApprovalRules rules = rules();
        assertEquals(
                ApprovalAction.LOG,
                rules.requirementFor(call("ops", "s", "look", List.of()), RiskLevel.READ)
                        .action());
        assertEquals(
                ApprovalAction.APPROVE,
                rules.requirementFor(call("ops", "s", "edit", List.of()), RiskLevel.MODIFY)
                        .action());
        assertEquals(
                "approval.defaults.modify",
                rules.requirementFor(call("guest", "s", "edit", List.of()), RiskLevel.MODIFY)
                        .rule());
        assertEquals(
                ApprovalAction.ALLOW,
                rules.requirementFor(call("guest", "s", "look", List.of()), RiskLevel.READ)
                        .action());
        assertEquals(
                ApprovalAction.APPROVE,
                rules.requirementFor(call("guest", "s", "wipe", List.of()), RiskLevel.DELETE)
                        .action());
        assertEquals(
                ApprovalAction.APPROVE,
                rules.requirementFor(call("guest", "s", "mail", List.of()), RiskLevel.EXTERNAL)
                        .action());
    }
}
