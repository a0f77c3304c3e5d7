package dev.toolgate.agent.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RolePolicy;
import dev.toolgate.bootstrap.ToolCallDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the audit log cannot record a decision, the gate fails closed for every call but READ ones. */
class ToolGateAuditTest {

    /** An audit log that records nothing and says why. */
    private static final class BrokenAudit implements AuditLog {
        final List<AuditEvent> offered = new ArrayList<>();

        @Override
        public boolean append(AuditEvent event) {
            offered.add(event);
            return false;
        }

        @Override
        public String problem() {
            return "the audit file /var/log/audit.jsonl cannot be written (No space left on device)";
        }

        @Override
        public long written() {
            return 0;
        }

        @Override
        public void close() {}
    }

    private final ToolRegistry registry = new ToolRegistry();
    private final int readTool = register("sql_read", RiskLevel.READ);
    private final int dropTool = register("sql_drop", RiskLevel.DELETE);
    private final Policy policy = Policy.ofRoles(
            Path.of("p.yaml"),
            Map.of("data", new RolePolicy(List.of("sql_read", "sql_drop"), List.of(), null, null, null, null)));

    private int register(String name, RiskLevel risk) {
        return registry.register(
                "demo.Tools#" + name,
                id -> new ToolDescriptor(id, name, "demo.Tools", name, List.of("q"), risk, ToolSource.AGENT_TOOL));
    }

    private ToolGate gate(BrokenAudit audit, Mode mode) {
        return ToolGate.builder()
                .tools(registry)
                .callers(new CallerResolver("agent", "data"))
                .enforcement(Enforcement.builder()
                        .pipeline(CallPipeline.forPolicy(policy).build())
                        .build())
                .audit(audit)
                .mode(mode)
                .build();
    }

    @Test
    void nonReadCallIsRefusedWithTheAuditProblemAsReason() {
        BrokenAudit audit = new BrokenAudit();
        ToolCallDeniedException refused = assertThrows(
                ToolCallDeniedException.class,
                () -> gate(audit, Mode.ENFORCE).enter(dropTool, registry.key(dropTool), new Object[] {"users"}));
        assertTrue(
                refused.getMessage()
                        .contains("the audit log cannot record this call (the audit file"
                                + " /var/log/audit.jsonl cannot be written (No space left on device))"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("calls other than READ are refused"), refused.getMessage());
        assertEquals(1, audit.offered.size(), "the decision was offered to the audit log first");
    }

    @Test
    void readCallStillRuns() {
        Object token = gate(new BrokenAudit(), Mode.ENFORCE)
                .enter(readTool, registry.key(readTool), new Object[] {"select 1"});
        assertTrue(token instanceof ActiveCall);
    }

    @Test
    void monitorModeNeverRefuses() {
        Object token =
                gate(new BrokenAudit(), Mode.MONITOR).enter(dropTool, registry.key(dropTool), new Object[] {"users"});
        assertTrue(token instanceof ActiveCall);
    }

    @Test
    void anUnrecordedResultDoesNotTurnIntoAnError() {
        BrokenAudit audit = new BrokenAudit();
        ToolGate gate = gate(audit, Mode.ENFORCE);
        Object token = gate.enter(readTool, registry.key(readTool), new Object[] {"select 1"});
        gate.exit(token, "rows", null);
        assertEquals(2, audit.offered.size());
        assertNull(audit.offered.get(1).arguments());
    }
}
