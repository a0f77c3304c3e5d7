package dev.toolgate.agent.budget;

import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.bootstrap.ModelCallDeniedException;
import java.util.Map;

/**
 * Model tokens per session: counted from what the API reports and what framework responses say, read for
 * {@code tokens_used} in audit events, and checked before a model call where the policy refuses model calls
 * once {@code max_tokens} is spent. Tool calls are refused by {@link BudgetStage} once it is spent.
 */
public final class TokenAccounts {

    private final java.util.function.Supplier<BudgetPlan> plans;
    private final SessionTable sessions;
    private final BudgetClock clock;
    private final BudgetEvents events;
    private final Mode mode;

    /** @param plans the plan to go by: one version's, or whichever is current (for model calls) */
    TokenAccounts(
            java.util.function.Supplier<BudgetPlan> plans,
            SessionTable sessions,
            BudgetClock clock,
            BudgetEvents events,
            Mode mode) {
        this.plans = plans;
        this.sessions = sessions;
        this.clock = clock;
        this.events = events;
        this.mode = mode;
    }

    /** Adds tokens to the caller's session; callers without a role the policy defines count nowhere. */
    public void add(Caller caller, long tokens) {
        if (tokens <= 0) {
            return;
        }
        RoleBudget budget = plans.get().forRole(caller.role());
        if (budget == null) {
            return;
        }
        SessionState session = sessions.session(budget, caller.sessionId());
        if (session == null) {
            return;
        }
        session.observe(clock.nanoTime());
        session.addTokens(tokens);
        if (session.retired()) {
            // Dropped by the idle sweep meanwhile: the tokens belong to the session that replaces it.
            SessionState fresh = sessions.session(budget, caller.sessionId());
            if (fresh != null) {
                fresh.addTokens(tokens);
            }
        }
    }

    /** Tokens the caller's session has used; 0 for a session not seen yet. */
    public long used(Caller caller) {
        RoleBudget budget = plans.get().forRole(caller.role());
        SessionState session = budget == null ? null : sessions.existing(budget, caller.sessionId());
        return session == null ? 0 : session.tokens();
    }

    /**
     * Checks a model call about to be made for {@code caller}.
     *
     * @throws ModelCallDeniedException in enforce mode, when the session's {@code max_tokens} is spent and its
     *                                  role sets {@code deny_model_calls}; monitor mode only records it
     */
    public void beforeModelCall(Caller caller) {
        RoleBudget budget = plans.get().forRole(caller.role());
        if (budget == null || !budget.denyModelCalls()) {
            return;
        }
        SessionState session = sessions.existing(budget, caller.sessionId());
        if (session == null || session.tokens() < budget.maxTokens()) {
            return;
        }
        Exhaustion spent = session.tokenExhaustion(budget);
        String reason = spent.reason(caller.role(), caller.sessionId()) + "; model calls are refused too (" + "roles."
                + budget.role() + ".resource_limits.deny_model_calls)";
        // A model call leaves the system boundary: it is an external call.
        Decision refused = Decision.deny(RiskLevel.EXTERNAL, reason, spent.rule());
        events.record("refused", caller, null, refused, spent, session, Map.of("model_call", true));
        if (mode == Mode.ENFORCE) {
            throw new ModelCallDeniedException(caller.role(), reason);
        }
    }
}
