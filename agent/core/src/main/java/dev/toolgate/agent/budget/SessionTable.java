package dev.toolgate.agent.budget;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live sessions, per role. Look-ups take no lock; a session is created once, on its first call, and dropped
 * by {@link #expireIdle} when it has been idle for the policy's {@code sessions.idle_expiry_seconds}. The number
 * of live sessions is capped by {@code sessions.max_live}, so memory stays bounded whatever session ids callers
 * make up.
 */
final class SessionTable {

    private final BudgetPlan plan;
    private final BudgetClock clock;
    private final Map<RoleBudget, ConcurrentHashMap<String, SessionState>> byRole = new HashMap<>();
    private final AtomicLong live = new AtomicLong();

    SessionTable(BudgetPlan plan, BudgetClock clock) {
        this.plan = plan;
        this.clock = clock;
        for (RoleBudget role : plan.roles()) {
            byRole.put(role, new ConcurrentHashMap<>());
        }
    }

    /**
     * The session's state, created if this is its first call.
     *
     * @return null when creating it would exceed {@code sessions.max_live}
     */
    SessionState session(RoleBudget role, String sessionId) {
        ConcurrentHashMap<String, SessionState> sessions = byRole.get(role);
        String key = SessionKeys.keyOf(sessionId);
        SessionState state = sessions.get(key);
        while (state == null || state.retired()) {
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
        }
        return state;
    }

    /** The session's state if it is live; never creates one. */
    SessionState existing(RoleBudget role, String sessionId) {
        SessionState state = byRole.get(role).get(SessionKeys.keyOf(sessionId));
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
}
