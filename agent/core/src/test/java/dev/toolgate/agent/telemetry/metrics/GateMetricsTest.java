package dev.toolgate.agent.telemetry.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.DecidingStep;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RolePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateMetricsTest {

    private static final Caller BOT = new Caller("agent-1", "bot", "s-1");
    private static final ToolDescriptor DEPLOY =
            new ToolDescriptor(0, "deploy", "demo.Ops", "deploy", List.of(), RiskLevel.EXTERNAL, ToolSource.AGENT_TOOL);

    @TempDir
    Path dir;

    @Test
    void approvalsBudgetRefusalsAndReloadsAreCountedFromTheAuditEvents() throws Exception {
        GateMetrics metrics = new GateMetrics();
        metrics.recorderFor(policy("bot", "deploy"));
        AuditPipeline audit = AuditPipeline.open(
                AuditSettings.defaults(dir.resolve("audit.jsonl")).withoutJmx(), "p.yaml", "abc", Mode.ENFORCE);
        audit.addListener(metrics.auditListener());
        try {
            answered(audit, "a-1", Approval.APPROVED);
            answered(audit, "a-2", Approval.TIMED_OUT);
            answered(audit, "a-3", Approval.DENIED);
            requested(audit, "a-4");
            // A grant's approval carries the id of the request it came from: not a second answer.
            decided(audit, new Approval(Approval.APPROVED, "grant:g-1", "a-1"));
            audit.append(new AuditEvent(
                    java.time.Instant.now(),
                    EventType.BUDGET_EXCEEDED,
                    BOT,
                    DEPLOY,
                    null,
                    AuditEvent.NO_RESULT,
                    0,
                    Decision.deny(RiskLevel.EXTERNAL, "spent", "roles.bot.budget.calls"),
                    Mode.ENFORCE,
                    -1,
                    Map.of("phase", "refused"),
                    null));
            audit.append(AuditEvent.lifecycle(EventType.POLICY_CHANGE, BOT, Mode.ENFORCE, Map.of()));
            audit.append(AuditEvent.lifecycle(EventType.POLICY_RELOAD_FAILED, BOT, Mode.ENFORCE, Map.of()));

            await().atMost(Duration.ofSeconds(5)).until(() -> metrics.getPolicyReloadFailures() == 1);
            assertEquals(
                    Map.of("requested", 4L, "approved", 1L, "timed_out", 1L, "denied", 1L), metrics.getApprovals());
            assertEquals(1, metrics.getApprovalsPending());
            assertEquals(Map.of("role=bot,phase=refused", 1L), metrics.getBudgetRefusals());
            assertEquals(1, metrics.getPolicyReloads());
        } finally {
            audit.close();
        }
    }

    @Test
    void aReloadKeepsTheCountsOfNamesBothVersionsShareAndFoldsTheRestIntoOther() {
        GateMetrics metrics = new GateMetrics();
        DecisionRecorder first = metrics.recorderFor(policy("bot", "deploy"));
        first.decided(BOT, DEPLOY, Decision.allow(RiskLevel.EXTERNAL, "ok", "r"), 0, 1_500);
        DecisionRecorder second = metrics.recorderFor(policy("ops", "deploy"));
        second.decided(BOT, DEPLOY, Decision.allow(RiskLevel.EXTERNAL, "ok", "r"), 0, 1_500);
        second.decided(
                new Caller("agent-1", "ops", "s-2"),
                DEPLOY,
                Decision.deny(RiskLevel.EXTERNAL, "spent", "b").at(DecidingStep.BUDGET),
                0,
                3_000_000);

        assertEquals(
                Map.of(
                        "outcome=allow,role=bot,tool=deploy,risk=external,step=permission", 1L,
                        "outcome=allow,role=other,tool=deploy,risk=external,step=permission", 1L,
                        "outcome=deny,role=ops,tool=deploy,risk=external,step=budget", 1L),
                metrics.getDecisions());
        Map<String, Long> buckets = metrics.getGateLatencyBuckets();
        assertEquals(0L, buckets.get("0.000001"));
        assertEquals(2L, buckets.get("0.0000025"));
        assertEquals(2L, buckets.get("0.001"));
        assertEquals(3L, buckets.get("0.01"));
        assertEquals(3L, buckets.get("+Inf"));
    }

    private static Policy policy(String role, String tool) {
        return Policy.ofRoles(
                Path.of("p.yaml"), Map.of(role, new RolePolicy(List.of(tool), List.of(), null, null, null, null)));
    }

    private static void answered(AuditPipeline audit, String id, String status) {
        requested(audit, id);
        decided(audit, new Approval(status, "alice", id));
    }

    private static void requested(AuditPipeline audit, String id) {
        Decision pending = Decision.allow(RiskLevel.EXTERNAL, "ask", "approval.rules[0]")
                .withApproval(Outcome.PENDING, "ask", "approval.rules[0]", new Approval(null, null, id));
        audit.append(AuditEvent.approvalRequested(BOT, DEPLOY, new Object[0], pending, Mode.ENFORCE, Map.of()));
    }

    private static void decided(AuditPipeline audit, Approval approval) {
        Outcome outcome = Approval.APPROVED.equals(approval.status()) ? Outcome.ALLOW : Outcome.DENY;
        Decision decision = Decision.allow(RiskLevel.EXTERNAL, "ask", "approval.rules[0]")
                .withApproval(outcome, "answered", "approval.rules[0]", approval);
        audit.append(AuditEvent.decision(BOT, DEPLOY, new Object[0], decision, Mode.ENFORCE));
    }
}
