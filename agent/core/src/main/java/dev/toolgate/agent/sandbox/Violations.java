package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.decision.Caller;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Sandbox violations per session, for {@code max_violations}; kept across policy reloads. */
final class Violations {

    /** Sessions counted at most; beyond, a session without a count is counted under one shared entry. */
    private static final int MAX_SESSIONS = 100_000;

    private static final String OVERFLOW = "\0overflow";

    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

    long count(Caller caller) {
        AtomicLong count = counts.get(key(caller));
        if (count == null && counts.size() >= MAX_SESSIONS) {
            count = counts.get(OVERFLOW);
        }
        return count == null ? 0 : count.get();
    }

    long record(Caller caller) {
        String key = key(caller);
        if (!counts.containsKey(key) && counts.size() >= MAX_SESSIONS) {
            key = OVERFLOW;
        }
        return counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static String key(Caller caller) {
        return caller.role() + '\0' + caller.agentId() + '\0' + caller.sessionId();
    }
}
