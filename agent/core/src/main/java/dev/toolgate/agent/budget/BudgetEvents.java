package dev.toolgate.agent.budget;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import java.time.Instant;
import java.util.Map;

/**
 * Writes the {@code budget_exceeded} events: which budget, its limit, what was used, and the session's counts
 * ({@code session_calls}, {@code session_tokens}, {@code session_age_ms}) at that moment.
 */
final class BudgetEvents {

    private final AuditLog audit;
    private final Mode mode;
    private final BudgetClock clock;

    BudgetEvents(AuditLog audit, Mode mode, BudgetClock clock) {
        this.audit = audit;
        this.mode = mode;
        this.clock = clock;
    }

    /**
     * @param phase  {@code refused} (a call or model call was refused), {@code cut_off} (a call reached its
     *               deadline), {@code late_result} (a cut-off call ended after all)
     * @param extra  further fields, or an empty map
     */
    void record(
            String phase,
            Caller caller,
            ToolDescriptor tool,
            Decision decision,
            Exhaustion exhaustion,
            SessionState session,
            Map<String, Object> extra) {
        Map<String, Object> details = exhaustion.details();
        details.put("phase", phase);
        details.putAll(extra);
        if (session != null) {
            details.put("session_calls", session.calls());
            details.put("session_tokens", session.tokens());
            details.put("session_age_ms", Math.max(0, (clock.nanoTime() - session.startNanos()) / 1_000_000));
            details.put("session_late_results", session.lateResults());
        }
        audit.append(new AuditEvent(
                Instant.now(),
                EventType.BUDGET_EXCEEDED,
                caller,
                tool,
                null,
                AuditEvent.NO_RESULT,
                session == null ? 0 : session.tokens(),
                decision,
                mode,
                -1,
                details,
                null));
    }
}
