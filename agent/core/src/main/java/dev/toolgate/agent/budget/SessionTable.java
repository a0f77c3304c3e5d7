package dev.toolgate.agent.budget;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live sessions, per role name. Look-ups take no lock; a session is created once, on its first call, and
 * dropped by {@link #expireIdle} when it has been idle for the policy's {@code sessions.idle_expiry_seconds}. The
 * number of live sessions is capped by {@code sessions.max_live}, so memory stays bounded whatever session ids
 * callers make up.
 *
 * <p>The table outlives policy reloads: it is keyed by role name, so a session keeps its counts when the policy
 * changes. A session whose role got different limits moves to the new budget on its next call; the sessions of
 * a role that a reload removed stay (their calls are refused as of an unknown role) until they expire, and
 * count on if the role comes back.
 */
final class SessionTable {

    private final BudgetClock clock;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, SessionState>> byRole = new ConcurrentHashMap<>();
    private final AtomicLong live = new AtomicLong();
    /** The latest plan: its session settings (max_live, idle expiry) apply. */
    private volatile BudgetPlan plan;

    SessionTable(BudgetPlan plan, BudgetClock clock) {
        this.clock = clock;
        adopt(plan);
    }

    /** Makes {@code next}'s session settings the ones in force, and gives each of its roles a place. */
    void adopt(BudgetPlan next) {
        for (RoleBudget role : next.roles()) {
            byRole.computeIfAbsent(role.role(), name -> new ConcurrentHashMap<>());
        }
        this.plan = next;
    }

    /**
     * The session's state, created if this is its first call, and moved to {@code role} if that budget is of a
     * later generation than the state's. A call decided by an older plan that finds a session already moved gets
     * the moved state: the new limits count it.
     *
     * @return null when creating it would exceed {@code sessions.max_live}
     */
    SessionState session(RoleBudget role, String sessionId) {
        ConcurrentHashMap<String, SessionState> sessions = mapOf(role);
        String key = SessionKeys.keyOf(sessionId);
        SessionState state = sessions.get(key);
        for (; ; ) {
            if (state != null && state.moved()) {
                SessionState next = state.successor();
                sessions.replace(key, state, next);
                state = next;
                continue;
            }
            if (state == null || state.retired()) {
                if (state != null && sessions.remove(key, state)) {
                    live.decrementAndGet();
                }
                if (live.get() >= plan.maxLiveSessions()) {
                    return null;
                }
                state = sessions.computeIfAbsent(key, absent -> {
                    live.incrementAndGet();
                    return new SessionState(role, clock.nanoTime());
                });
                continue;
            }
            if (state.budget() != role && role.generation() > state.budget().generation()) {
                SessionState next = state.moveTo(role);
                if (next != null) {
                    sessions.replace(key, state, next);
                    return next;
                }
                state = sessions.get(key);
                continue;
            }
            return state;
        }
    }

    /** The session's state if it is live; never creates one. */
    SessionState existing(RoleBudget role, String sessionId) {
        ConcurrentHashMap<String, SessionState> sessions = byRole.get(role.role());
        SessionState state = sessions == null ? null : sessions.get(SessionKeys.keyOf(sessionId));
        while (state != null && state.moved()) {
            state = state.successor();
        }
        return state == null || state.retired() ? null : state;
    }

    /** Drops the sessions idle since before {@code now - idle_expiry_seconds}; returns how many. */
    int expireIdle(long now) {
        long idleSince = now - plan.idleExpiryNanos();
        int dropped = 0;
        for (ConcurrentHashMap<String, SessionState> sessions : byRole.values()) {
            for (Iterator<Map.Entry<String, SessionState>> it =
                            sessions.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, SessionState> entry = it.next();
                SessionState state = entry.getValue();
                if (state.retireIfIdle(idleSince) && sessions.remove(entry.getKey(), state)) {
                    live.decrementAndGet();
                    dropped++;
                }
            }
        }
        return dropped;
    }

    long live() {
        return live.get();
    }

    long maxLive() {
        return plan.maxLiveSessions();
    }

    private ConcurrentHashMap<String, SessionState> mapOf(RoleBudget role) {
        ConcurrentHashMap<String, SessionState> sessions = byRole.get(role.role());
        return sessions != null ? sessions : byRole.computeIfAbsent(role.role(), name -> new ConcurrentHashMap<>());
    }
}
