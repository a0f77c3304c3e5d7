package dev.toolgate.agent.budget;

import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.policy.Policy;

/**
 * Budgets and timeouts, assembled from a policy: the pipeline {@link #stage()}, the exit-path
 * {@link #observer()}, the {@link #tokens()} accounts, and the one scheduler thread behind them.
 *
 * <p>The sessions and the scheduler live as long as the agent; a reloaded policy gets a new {@link Version}
 * ({@link #prepare}, then {@link #activate}) over the same sessions, so counts, tokens and calls running
 * overtime carry over.
 */
public final class Budgets {

    private final Mode mode;
    private final BudgetClock clock;
    private final BudgetEvents events;
    private final SessionTable sessions;
    private final BudgetScheduler scheduler;
    private final TokenAccounts liveTokens;
    private volatile Version current;

    private Budgets(Policy policy, AuditLog audit, Mode mode, BudgetClock clock) {
        this.mode = mode;
        this.clock = clock;
        BudgetPlan plan = new BudgetPlan(policy);
        this.events = new BudgetEvents(audit, mode, clock);
        this.sessions = new SessionTable(plan, clock);
        // The scheduler cuts calls off through the observer, which hands it the calls to watch.
        this.scheduler = new BudgetScheduler(clock, sessions, plan.idleExpiryNanos(), this::cutOff);
        this.current = new Version(plan);
        this.liveTokens = new TokenAccounts(() -> current.plan, sessions, clock, events, mode);
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

    /** The budgets of a reloaded policy over the same sessions; nothing changes until {@link #activate}. */
    public Version prepare(Policy policy) {
        return new Version(new BudgetPlan(policy, current.plan));
    }

    /** Makes {@code version}'s session settings (max_live, idle expiry) and model-call checks the ones in force. */
    public void activate(Version version) {
        sessions.adopt(version.plan);
        current = version;
    }

    /** The version in force. */
    public Version current() {
        return current;
    }

    public CallStage stage() {
        return current.stage;
    }

    public CallObserver observer() {
        return current.observer;
    }

    /** Token accounts that follow reloads: for model calls, which the framework hooks check. */
    public TokenAccounts tokens() {
        return liveTokens;
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
        current.observer.cutOff(watch);
    }

    long runDue(long now) {
        return scheduler.runDue(now);
    }

    /** The budgets of one policy version: what a call entering under that version is counted and timed by. */
    public final class Version {
        private final BudgetPlan plan;
        private final BudgetStage stage;
        private final BudgetObserver observer;
        private final TokenAccounts tokens;

        private Version(BudgetPlan plan) {
            this.plan = plan;
            this.stage = new BudgetStage(plan, sessions, clock, events);
            this.observer = new BudgetObserver(plan, sessions, scheduler, clock, events, mode);
            this.tokens = new TokenAccounts(() -> plan, sessions, clock, events, mode);
        }

        public CallStage stage() {
            return stage;
        }

        public CallObserver observer() {
            return observer;
        }

        BudgetPlan plan() {
            return plan;
        }

        SessionTable sessions() {
            return sessions;
        }

        /** This version's accounts, for {@code tokens_used} in the events of calls decided by it. */
        public TokenAccounts tokens() {
            return tokens;
        }
    }
}
