package dev.toolgate.agent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RolePolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPipelineTest {

    private static final Policy POLICY = Policy.ofRoles(
            Path.of("p.yaml"), Map.of("bot", new RolePolicy(List.of("post"), List.of(), null, null, null, null)));
    private static final ToolCall POST = new ToolCall(
            new ToolDescriptor(
                    0, "post", "com.example.Tools", "post", List.of("body"), RiskLevel.EXTERNAL, ToolSource.AGENT_TOOL),
            new Caller("a", "bot", "s"),
            new Object[] {"x"});

    /** A stage that asks for a person, as exfiltration screening does with action 'approve'. */
    private static final CallStage WANTS_A_PERSON = (call, current) -> current.withApproval(
            Outcome.ALLOW,
            "possible exfiltration: jwt",
            "tools.post.exfiltration",
            new Approval(Approval.REQUIRED, null, null));

    @Test
    void aCallMarkedForApprovalThatNoApprovalStepAnsweredIsRefused() {
        Decision decision = CallPipeline.forPolicy(POLICY)
                .validation(WANTS_A_PERSON)
                .build()
                .decide(POST);
        assertFalse(decision.allowed());
        assertEquals(Approval.REQUIRED, decision.approvalStatus());
        assertTrue(decision.reason().contains("possible exfiltration: jwt"), decision.reason());
        assertTrue(decision.reason().contains("no approval step is configured"), decision.reason());
    }

    @Test
    void anAnsweredApprovalLetsTheCallThrough() {
        CallStage approver = (call, current) -> current.withApproval(
                Outcome.ALLOW, "approved by alice", current.rule(), new Approval(Approval.APPROVED, "alice", "appr-1"));
        Decision decision = CallPipeline.forPolicy(POLICY)
                .validation(WANTS_A_PERSON)
                .approval(approver)
                .build()
                .decide(POST);
        assertTrue(decision.allowed(), decision.reason());
        assertEquals("alice", decision.approver());
    }

    @Test
    void eachDecisionNamesTheStepThatReachedIt() {
        CallStage validatorDenies = (call, current) -> current.then(Outcome.DENY, "bad path", "tools.post.params.q");
        CallStage screeningDenies = (call, current) -> current.then(Outcome.DENY, "a secret", "tools.post.screen_args");
        CallStage budgetDenies = (call, current) -> current.then(Outcome.DENY, "spent", "roles.bot.budget.calls");
        CallStage approves = (call, current) -> current.withApproval(
                Outcome.ALLOW, "approved", "approval.rules[0]", new Approval(Approval.APPROVED, "bob", "a-1"));
        CallStage passes = (call, current) -> current;
        ToolCall byNobody = new ToolCall(POST.tool(), new Caller("a", "nobody", "s"), new Object[] {"x"});

        assertEquals(
                DecidingStep.PERMISSION,
                CallPipeline.forPolicy(POLICY).build().decide(POST).step());
        assertEquals(
                DecidingStep.PERMISSION,
                CallPipeline.forPolicy(POLICY).build().decide(byNobody).step());
        assertEquals(
                DecidingStep.VALIDATOR, stepOf(CallPipeline.forPolicy(POLICY).validation(validatorDenies)));
        assertEquals(
                DecidingStep.SCREENING, stepOf(CallPipeline.forPolicy(POLICY).validation(screeningDenies)));
        assertEquals(
                DecidingStep.BUDGET,
                stepOf(CallPipeline.forPolicy(POLICY).validation(passes).budgets(budgetDenies)));
        assertEquals(
                DecidingStep.APPROVAL, stepOf(CallPipeline.forPolicy(POLICY).approval(approves)));
        assertEquals(
                DecidingStep.APPROVAL, stepOf(CallPipeline.forPolicy(POLICY).validation(WANTS_A_PERSON)));
        assertEquals(
                DecidingStep.VALIDATOR,
                CallPipeline.forPolicy(POLICY)
                        .build()
                        .refused(POST, "unreadable", "dispatch.request")
                        .step());
    }

    private static DecidingStep stepOf(CallPipeline.Builder pipeline) {
        return pipeline.build().decide(POST).step();
    }
}
