package dev.toolgate.agent.budget;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Budgets from a YAML policy, on a clock the test moves, with the audit events kept in memory. */
final class BudgetFixture {

    /** A clock that stands still until told to move, and may be moved backwards. */
    static final class TestClock implements BudgetClock {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        void advanceSeconds(double seconds) {
            nanos.addAndGet((long) (seconds * 1e9));
        }
    }

    static final class RecordingAuditLog implements AuditLog {
        final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        public boolean append(AuditEvent event) {
            events.add(event);
            return true;
        }

        @Override
        public long written() {
            return events.size();
        }

        @Override
        public void close() {}

        List<AuditEvent> budgetEvents() {
            return events.stream()
                    .filter(e -> e.type() == EventType.BUDGET_EXCEEDED)
                    .toList();
        }
    }

    final TestClock clock = new TestClock();
    final RecordingAuditLog audit = new RecordingAuditLog();
    final Budgets budgets;

    BudgetFixture(Path dir, String yaml) throws Exception {
        this(dir, yaml, Mode.ENFORCE);
    }

    BudgetFixture(Path dir, String yaml, Mode mode) throws Exception {
        this.budgets = Budgets.manual(policy(dir, yaml), audit, mode, clock);
    }

    static Policy policy(Path dir, String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "policy", ".yaml");
        Files.writeString(file, yaml);
        return new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file);
    }

    static ToolDescriptor tool(String name) {
        return new ToolDescriptor(0, name, "com.example.Tools", name, List.of("arg"), null, ToolSource.AGENT_TOOL);
    }

    static ToolCall call(String role, String session, String tool) {
        return new ToolCall(tool(tool), new Caller("agent", role, session), new Object[] {"x"});
    }

    /** Runs the budget stage on a call that permission allowed with {@code risk}. */
    Decision decide(String role, String session, String tool, RiskLevel risk) {
        return budgets.stage().apply(call(role, session, tool), Decision.allow(risk, "allowed", "roles." + role));
    }

    Decision decide(String role, String session, String tool) {
        return decide(role, session, tool, RiskLevel.READ);
    }

    /** Admitted calls among {@code attempts} identical ones. */
    int admitted(int attempts, String role, String session, String tool, RiskLevel risk) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (decide(role, session, tool, risk).allowed()) {
                admitted++;
            }
        }
        return admitted;
    }
}
