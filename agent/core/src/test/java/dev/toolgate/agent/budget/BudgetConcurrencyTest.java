package dev.toolgate.agent.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.RiskLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** 64 threads racing one session: every limit admits exactly its number of calls, no more and no fewer. */
class BudgetConcurrencyTest {

    private static final int THREADS = 64;
    private static final int ATTEMPTS_PER_THREAD = 100;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void maxApiCallsAdmitsExactlyTheLimit() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, """
                roles:
                  agent: {allowed_tools: ["*"], resource_limits: {max_api_calls: 1000}}
                """);
        assertEquals(1000, race(() -> f.decide("agent", "shared", "t").allowed()));
        assertEquals(
                THREADS * ATTEMPTS_PER_THREAD - 1000, f.audit.budgetEvents().size());
    }

    @RepeatedTest(3)
    void slidingWindowAdmitsExactlyTheLimit() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, """
                roles:
                  agent: {allowed_tools: ["*"], resource_limits: {rate_limits: [{calls: 777, per_seconds: 3600}]}}
                """);
        assertEquals(
                777,
                race(() -> f.decide("agent", "shared", "t", RiskLevel.EXTERNAL).allowed()));
    }

    @RepeatedTest(3)
    void severalLimitsAtOnceStayExact() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, """
                roles:
                  agent:
                    allowed_tools: ["*"]
                    resource_limits:
                      max_api_calls: 2000
                      max_calls_per_risk: {delete: 150}
                      rate_limits: [{calls: 300, per_seconds: 3600, risk: delete}, {calls: 5000, per_seconds: 60}]
                """);
        AtomicInteger deletes = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger turn = new AtomicInteger();
        int total = race(() -> {
            boolean delete = turn.getAndIncrement() % 2 == 0;
            boolean admitted = f.decide(
                            "agent", "shared", delete ? "rm" : "ls", delete ? RiskLevel.DELETE : RiskLevel.READ)
                    .allowed();
            if (admitted) {
                (delete ? deletes : reads).incrementAndGet();
            }
            return admitted;
        });
        assertEquals(150, deletes.get(), "max_calls_per_risk.delete");
        assertEquals(2000, total, "max_api_calls: refusals of deletes must not have cost read calls a slot");
        assertEquals(1850, reads.get());
    }

    @RepeatedTest(2)
    void sessionsRacingInParallelEachGetTheirOwnLimit() throws Exception {
        BudgetFixture f = new BudgetFixture(dir, """
                roles:
                  agent: {allowed_tools: ["*"], resource_limits: {max_api_calls: 10}}
                """);
        AtomicInteger next = new AtomicInteger();
        int total = race(() -> f.decide("agent", "session-" + (next.getAndIncrement() % 16), "t")
                .allowed());
        assertEquals(160, total);
        assertEquals(16, f.budgets.liveSessions());
    }

    /** Runs the attempt on {@value THREADS} threads released together; returns how many were admitted. */
    private static int race(java.util.function.BooleanSupplier attempt) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        CountDownLatch done = new CountDownLatch(THREADS);
        AtomicInteger admitted = new AtomicInteger();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                        if (attempt.getAsBoolean()) {
                            admitted.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
            threads.add(thread);
            thread.start();
        }
        assertTrue(done.await(60, java.util.concurrent.TimeUnit.SECONDS), "threads did not finish");
        assertEquals(List.of(), failures);
        return admitted.get();
    }
}
