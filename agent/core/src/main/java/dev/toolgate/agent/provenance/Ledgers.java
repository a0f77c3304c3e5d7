package dev.toolgate.agent.provenance;

import dev.toolgate.agent.decision.Caller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The ledgers of the conversations going on: one per agent, role and session, at most {@code maxSessions}, each
 * dropped after {@code idleNanos} without use. A conversation whose ledger was dropped (idle, or pushed out by
 * newer ones) and that goes on gets an unsure ledger: nothing it saw before counts as trusted, and nothing it
 * carries is taken to be free of untrusted data. The keys of dropped ledgers are remembered as 64-bit hashes, up
 * to {@link #MAX_DROPPED}; past that, every new ledger is unsure.
 */
final class Ledgers {

    static final int MAX_DROPPED = 65_536;

    private final Map<String, Ledger> live = new ConcurrentHashMap<>();
    private final HashIndex dropped = new HashIndex();
    private boolean droppedOverflowed;
    private final LongSupplier clock;
    private volatile Limits limits;

    /** The caps of the policy in force. */
    record Limits(int maxSessions, int maxEntries, int maxResultChars, long idleNanos) {}

    Ledgers(Limits limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
    }

    void limits(Limits next) {
        this.limits = next;
    }

    static String key(Caller caller) {
        return caller.agentId() + '\u0000' + caller.role() + '\u0000' + caller.sessionId();
    }

    /** The conversation's ledger to read, or null when it has none (never seen, or dropped). */
    Ledger find(Caller caller) {
        String key = key(caller);
        Ledger ledger = live.get(key);
        if (ledger == null) {
            return null;
        }
        long now = clock.getAsLong();
        if (now - ledger.lastUsedNanos() > limits.idleNanos()) {
            drop(key, ledger);
            return null;
        }
        ledger.touch(now);
        return ledger;
    }

    /** The conversation's ledger to add to, made when it has none. */
    Ledger open(Caller caller) {
        Ledger ledger = find(caller);
        if (ledger != null) {
            return ledger;
        }
        String key = key(caller);
        synchronized (this) {
            ledger = live.get(key);
            if (ledger != null) {
                return ledger;
            }
            Limits caps = limits;
            while (live.size() >= caps.maxSessions()) {
                dropOldest();
            }
            String lost = droppedOverflowed
                    ? "more conversations were dropped than can be remembered"
                    : dropped.contains(Parts.hash(key, 0, key.length()))
                            ? "the conversation's earlier history was dropped (idle or too many conversations)"
                            : null;
            ledger = new Ledger(caps.maxEntries(), caps.maxResultChars(), lost, clock.getAsLong());
            live.put(key, ledger);
            return ledger;
        }
    }

    int size() {
        return live.size();
    }

    private void dropOldest() {
        String oldest = null;
        long oldestUse = Long.MAX_VALUE;
        for (Map.Entry<String, Ledger> entry : live.entrySet()) {
            if (entry.getValue().lastUsedNanos() < oldestUse) {
                oldestUse = entry.getValue().lastUsedNanos();
                oldest = entry.getKey();
            }
        }
        if (oldest != null) {
            drop(oldest, live.get(oldest));
        }
    }

    private synchronized void drop(String key, Ledger ledger) {
        if (ledger != null && live.remove(key, ledger)) {
            if (dropped.add(Parts.hash(key, 0, key.length()), 0, MAX_DROPPED - dropped.size()) < 0) {
                droppedOverflowed = true;
            }
        }
    }
}
