package dev.toolgate.agent.budget;

import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.decision.CallTrace;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.decision.ToolCall;
import java.util.Map;

/**
 * The pipeline step that counts a call against its session's budgets, after argument validation and before
 * approval. A call that finds a budget spent is refused, naming the budget and its limit, and a
 * {@code budget_exceeded} event records the counts; a refused call is not counted. A call the stage admits
 * counts even if a later step (approval) refuses it.
 */
final class BudgetStage implements CallStage {

    private final BudgetPlan plan;
    private final SessionTable sessions;
    private final BudgetClock clock;
    private final BudgetEvents events;

    BudgetStage(BudgetPlan plan, SessionTable sessions, BudgetClock clock, BudgetEvents events) {
        this.plan = plan;
        this.sessions = sessions;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Decision apply(ToolCall call, Decision current) {
        Caller caller = call.caller();
        RoleBudget budget = plan.forRole(caller.role());
        if (budget == null) {
            return current;
        }
        RoleBudget.Applicable applicable = budget.applicableTo(call.tool().name(), current.risk());
        long reading = clock.nanoTime();
        for (; ; ) {
            SessionState session = sessions.session(budget, caller.sessionId());
            if (session == null) {
                return refuse(
                        call,
                        current,
                        new Exhaustion(
                                "max_live",
                                "sessions.max_live",
                                sessions.maxLive(),
                                sessions.live(),
                                "sessions",
                                "in this JVM",
                                sessions.live() + " sessions are live and this call would open another"),
                        null);
            }
            // A call decided by an older plan that meets a session already moved to a reloaded one counts there.
            RoleBudget counting = session.budget();
            RoleBudget.Applicable counted = counting == budget
                    ? applicable
                    : counting.applicableTo(call.tool().name(), current.risk());
            try {
                Exhaustion spent = session.admit(counting, counted, session.observe(reading));
                return spent == null ? current : refuse(call, current, spent, session);
            } catch (SessionState.RetiredException retired) {
                // The idle sweep dropped the session this instant: the call opens a new one.
            }
        }
    }

    @Override
    public Decision explain(ToolCall call, Decision current, CallTrace trace) {
        String role = call.caller().role();
        RoleBudget budget = plan.forRole(role);
        if (budget == null || !budget.limited()) {
            trace.add("budgets", "pass", "role '" + role + "' has no resource_limits", null);
            return current;
        }
        Decision decision = apply(call, current);
        if (decision.allowed()) {
            trace.add(
                    "budgets",
                    "pass",
                    "within the limits of role '" + role + "' for session '"
                            + SessionKeys.forDisplay(call.caller().sessionId()) + "'; the call is counted",
                    "roles." + role + ".resource_limits");
        } else {
            trace.add("budgets", "deny", decision.reason(), decision.rule());
        }
        return decision;
    }

    private Decision refuse(ToolCall call, Decision current, Exhaustion spent, SessionState session) {
        Caller caller = call.caller();
        Decision refused = current.then(Outcome.DENY, spent.reason(caller.role(), caller.sessionId()), spent.rule());
        events.record("refused", caller, call.tool(), refused, spent, session, Map.of());
        return refused;
    }
}
