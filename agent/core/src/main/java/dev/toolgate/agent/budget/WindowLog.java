package dev.toolgate.agent.budget;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The admission times of the last {@code calls} calls a sliding window let through, in a ring: call number
 * {@code n} (0, 1, 2 … in the order the session's counters admitted them) sits in slot {@code n % calls}. A call
 * may pass when the call {@code calls} places before it was admitted at least one window ago.
 *
 * <p>The number {@code n} is claimed by the compare-and-set that admits the call; the time is written just after.
 * A reader who needs slot {@code n} before its writer got there waits for it (the writer does nothing else in
 * between), and one who finds a later number there knows its own view of the counters is out of date.
 */
final class WindowLog {

    /** Returned by {@link #timeOf} when the slot already holds a later call. */
    static final long STALE = Long.MIN_VALUE;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int SPINS_BEFORE_YIELD = 64;

    /** Per slot: {@code [2i]} the call number + 1 (0: never written), {@code [2i+1]} its admission time. */
    private final long[] slots;

    private final int calls;

    WindowLog(int calls) {
        this.calls = calls;
        this.slots = new long[2 * calls];
    }

    /** The admission time of call {@code number}, waiting for its writer if need be; {@link #STALE} if overwritten. */
    long timeOf(long number) {
        int slot = 2 * (int) (number % calls);
        for (int spins = 0; ; spins++) {
            long written = (long) SLOTS.getAcquire(slots, slot);
            if (written == number + 1) {
                return slots[slot + 1];
            }
            if (written > number + 1) {
                return STALE;
            }
            if (spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Records the admission time of call {@code number}, which the caller has just claimed. */
    void record(long number, long nanos) {
        int slot = 2 * (int) (number % calls);
        slots[slot + 1] = nanos;
        SLOTS.setRelease(slots, slot, number + 1);
    }
}
