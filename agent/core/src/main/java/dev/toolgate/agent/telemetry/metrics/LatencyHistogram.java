package dev.toolgate.agent.telemetry.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * How long the gate took to decide, in fixed buckets from a microsecond (a plain permission check) to a minute (a
 * person answering). Recording is a bucket search over a dozen longs and two adds.
 */
final class LatencyHistogram {

    /** Upper bounds in nanoseconds; a last bucket above the highest takes the rest. */
    static final long[] BOUNDS_NANOS = {
        1_000L,
        2_500L,
        5_000L,
        10_000L,
        25_000L,
        50_000L,
        100_000L,
        250_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        60_000_000_000L
    };

    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(nanos);
    }

    /** The count of each bucket, the last one above every bound. */
    long[] counts() {
        long[] counts = new long[buckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
        }
        return counts;
    }

    long sumNanos() {
        return sumNanos.sum();
    }
}
