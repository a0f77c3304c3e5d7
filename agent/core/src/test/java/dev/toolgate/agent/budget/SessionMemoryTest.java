package dev.toolgate.agent.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.RiskLevel;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What sessions cost in heap: measured for 100,000 live sessions (figures in BENCHMARKS.md), and flat over a
 * million short sessions when idle ones expire.
 */
class SessionMemoryTest {

    private static final int LIVE_SESSIONS = 100_000;

    @TempDir
    Path dir;

    @Test
    void liveSessionsTakeASmallMeasuredHeap() throws Exception {
        long counters = bytesPerSession("""
                roles:
                  agent:
                    allowed_tools: ["*"]
                    resource_limits: {max_api_calls: 50, max_tokens: 100000, timeout_seconds: 300,
                                      max_calls_per_risk: {delete: 3}}
                """);
        long withWindow = bytesPerSession("""
                roles:
                  agent:
                    allowed_tools: ["*"]
                    resource_limits: {max_api_calls: 50, max_tokens: 100000, timeout_seconds: 300,
                                      max_calls_per_risk: {delete: 3},
                                      rate_limits: [{calls: 10, per_seconds: 60, risk: external}]}
                """);
        System.out.printf(
                "[budgets] %,d live sessions: %,d bytes each with counters only (%.1f MB),"
                        + " %,d bytes each with a 10-call sliding window (%.1f MB)%n",
                LIVE_SESSIONS, counters, counters * LIVE_SESSIONS / 1e6, withWindow, withWindow * LIVE_SESSIONS / 1e6);
        assertTrue(counters < 400, counters + " bytes per session");
        assertTrue(withWindow < 700, withWindow + " bytes per session");
    }

    private long bytesPerSession(String policy) throws Exception {
        String[] ids = new String[LIVE_SESSIONS];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "conversation-" + i;
        }
        BudgetFixture f = new BudgetFixture(dir, policy);
        f.decide("agent", "warm-up", "t", RiskLevel.EXTERNAL);
        long before = usedHeapAfterGc();
        for (String id : ids) {
            f.decide("agent", id, "t", RiskLevel.EXTERNAL);
        }
        long after = usedHeapAfterGc();
        assertEquals(LIVE_SESSIONS + 1, f.budgets.liveSessions());
        // The ids themselves belong to the application; only what the table adds is counted.
        return (after - before) / LIVE_SESSIONS;
    }

    @Test
    void aMillionShortSessionsOverTimeDoNotGrowMemory() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, """
                roles:
                  agent:
                    allowed_tools: ["*"]
                    resource_limits: {max_api_calls: 50, rate_limits: [{calls: 10, per_seconds: 60}]}
                sessions: {idle_expiry_seconds: 10}
                """);
        long baseline = 0;
        long maxLive = 0;
        for (int i = 0; i < 1_000_000; i++) {
            f.decide("agent", "short-" + i, "t");
            f.clock.advanceSeconds(0.001); // a new session every millisecond: 1,000 s in all
            if (i % 1_000 == 0) {
                f.budgets.runDue(f.clock.nanoTime());
                maxLive = Math.max(maxLive, f.budgets.liveSessions());
            }
            if (i == 100_000) {
                baseline = usedHeapAfterGc();
            }
        }
        f.budgets.runDue(f.clock.nanoTime());
        long end = usedHeapAfterGc();
        System.out.printf(
                "[budgets] 1,000,000 short sessions: at most %,d live; heap %.1f MB after 100,000,"
                        + " %.1f MB after 1,000,000%n",
                maxLive, baseline / 1e6, end / 1e6);
        // Idle for 10 s at one new session per ms: about 10,000 live, plus up to one sweep interval's worth.
        assertTrue(maxLive <= 14_000, "live sessions " + maxLive);
        assertTrue(f.budgets.liveSessions() <= 14_000);
        assertTrue(end - baseline < 8_000_000, "heap grew by " + (end - baseline) + " bytes");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
