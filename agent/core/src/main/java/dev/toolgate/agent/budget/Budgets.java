package dev.toolgate.agent.budget;

import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.policy.Policy;

/**
 * Budgets and timeouts, assembled from a policy: the pipeline {@link #stage()}, the exit-path
 * {@link #observer()}, the {@link #tokens()} accounts, and the one scheduler thread behind them.
 */
public final class Budgets {

    private final BudgetStage stage;
    private final BudgetObserver observer;
    private final TokenAccounts tokens;
    private final BudgetScheduler scheduler;
    private final SessionTable sessions;

    private Budgets(Policy policy, AuditLog audit, Mode mode, BudgetClock clock) {
        BudgetPlan plan = new BudgetPlan(policy);
        BudgetEvents events = new BudgetEvents(audit, mode, clock);
        this.sessions = new SessionTable(plan, clock);
        this.stage = new BudgetStage(plan, sessions, clock, events);
        // The scheduler cuts calls off through the observer, which hands it the calls to watch.
        this.scheduler = new BudgetScheduler(clock, sessions, plan.idleExpiryNanos(), this::cutOff);
        this.observer = new BudgetObserver(plan, sessions, scheduler, clock, events, mode);
        this.tokens = new TokenAccounts(plan, sessions, clock, events, mode);
    }

    /** Budgets with their scheduler thread running. */
    public static Budgets start(Policy policy, AuditLog audit, Mode mode) {
        Budgets budgets = new Budgets(policy, audit, mode, BudgetClock.SYSTEM);
        budgets.scheduler.start();
        return budgets;
    }

    /**
     * Budgets for explanations: fresh session state, no scheduler thread (calls are counted, never cut off), and
     * {@code budget_exceeded} events go to {@code audit}.
     */
    public static Budgets unscheduled(Policy policy, AuditLog audit) {
        return new Budgets(policy, audit, Mode.ENFORCE, BudgetClock.SYSTEM);
    }

    /** Budgets on {@code clock} whose scheduler does nothing until {@link #runDue} is called: for tests. */
    static Budgets manual(Policy policy, AuditLog audit, Mode mode, BudgetClock clock) {
        return new Budgets(policy, audit, mode, clock);
    }

    public CallStage stage() {
        return stage;
    }

    public CallObserver observer() {
        return observer;
    }

    public TokenAccounts tokens() {
        return tokens;
    }

    /** Live sessions. */
    public long liveSessions() {
        return sessions.live();
    }

    /** Calls the scheduler is watching (those finished but not yet purged included). */
    public int watchedCalls() {
        return scheduler.watched();
    }

    /** Stops the scheduler thread. */
    public void stop() {
        scheduler.stop();
    }

    private void cutOff(CallWatch watch) {
        observer.cutOff(watch);
    }

    long runDue(long now) {
        return scheduler.runDue(now);
    }
}
