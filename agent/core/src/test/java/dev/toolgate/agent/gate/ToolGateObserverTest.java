package dev.toolgate.agent.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
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

/** The gate's exit path: observers see a call start and may end it with an error; the audit shows what ran. */
class ToolGateObserverTest {

    private final List<AuditEvent> events = new ArrayList<>();
    private final AuditLog audit = new AuditLog() {
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
    };

    /** An observer that only records; the tests override what they need. */
    private abstract static class Observer implements CallObserver {
        @Override
        public void completed(ToolCall call, Decision decision, Object result, Throwable thrown, long nanos) {}
    }

    private final ToolRegistry registry = new ToolRegistry();

    private ToolGate gate(CallObserver... observers) {
        registry.register(
                "k", id -> new ToolDescriptor(id, "t", "C", "m", List.of(), RiskLevel.READ, ToolSource.AGENT_TOOL));
        Policy policy = Policy.ofRoles(
                Path.of("p.yaml"), Map.of("r", new RolePolicy(List.of("t"), List.of(), null, null, null, null)));
        return ToolGate.builder()
                .tools(registry)
                .callers(new CallerResolver("a", "r"))
                .enforcement(Enforcement.builder()
                        .pipeline(CallPipeline.forPolicy(policy).build())
                        .observers(List.of(observers))
                        .tokensUsed(caller -> 77)
                        .build())
                .audit(audit)
                .mode(Mode.ENFORCE)
                .build();
    }

    @Test
    void anObserverMayEndACallWithAnErrorAndTheAuditKeepsWhatTheToolDid() {
        ToolCallDeniedException replacement = new ToolCallDeniedException("t", "r", "too late");
        List<Object> seen = new ArrayList<>();
        ToolGate gate = gate(new Observer() {
            @Override
            public Object started(ToolCall call, Decision decision) {
                return "token-of-" + call.tool().name();
            }

            @Override
            public Throwable ending(ToolCall call, Object startToken, Object result, Throwable thrown) {
                seen.add(startToken);
                seen.add(result);
                return replacement;
            }

            @Override
            public void completed(ToolCall call, Decision decision, Object result, Throwable thrown, long nanos) {
                seen.add("completed");
            }
        });
        Object token = gate.enter(0, registry.key(0), new Object[0]);
        assertSame(replacement, gate.exit(token, "late result", null));
        assertEquals(List.of("token-of-t", "late result", "completed"), seen);
        assertEquals(EventType.TOOL_RESULT, events.get(1).type());
        assertEquals("late result", events.get(1).result(), "the audit keeps what the tool returned");
        assertEquals(77, events.get(0).tokensUsed());
        assertEquals(77, events.get(1).tokensUsed());
    }

    @Test
    void withoutObserversTheOutcomeIsUnchanged() {
        ToolGate gate = gate();
        IllegalStateException own = new IllegalStateException("x");
        assertSame(own, gate.exit(gate.enter(0, registry.key(0), new Object[0]), null, own));
        assertNull(gate.exit(gate.enter(0, registry.key(0), new Object[0]), "ok", null));
    }

    @Test
    void anObserverFailingToStartRefusesTheCallAndUnwindsThoseAlreadyStarted() {
        List<Object> unwound = new ArrayList<>();
        ToolGate gate = gate(
                new Observer() {
                    @Override
                    public Object started(ToolCall call, Decision decision) {
                        return "first";
                    }

                    @Override
                    public Throwable ending(ToolCall call, Object startToken, Object result, Throwable thrown) {
                        unwound.add(startToken);
                        return thrown;
                    }
                },
                new Observer() {
                    @Override
                    public Object started(ToolCall call, Decision decision) {
                        throw new IllegalStateException("cannot start");
                    }
                });
        ToolCallDeniedException refused =
                assertThrows(ToolCallDeniedException.class, () -> gate.enter(0, registry.key(0), new Object[0]));
        assertEquals(List.of("first"), unwound);
        assertEquals("internal-error", events.get(events.size() - 1).decision().rule(), refused.getMessage());
    }
}
