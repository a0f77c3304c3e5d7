package dev.toolgate.e2e.apps.budgets;

import dev.toolgate.api.Toolgate;
import dev.toolgate.api.ToolgateScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays one budget scenario, named by the first argument, and prints what happened:
 * <ul>
 *   <li>{@code runaway}: a tight loop of 1,000 {@code ping} calls in one session;</li>
 *   <li>{@code race}: 64 threads calling {@code ping} 50 times each in one session;</li>
 *   <li>{@code timeouts}: {@code slow_query} and {@code stubborn_query} past their call timeout;</li>
 *   <li>{@code tokens}: tokens reported through the API until {@code max_tokens} is spent.</li>
 * </ul>
 */
public final class BudgetsApp {

    private BudgetsApp() {}

    public static void main(String[] args) throws Exception {
        BudgetTools tools = new BudgetTools();
        try (ToolgateScope scope =
                Toolgate.scope().role("looper").session("loop-1").open()) {
            switch (args[0]) {
                case "runaway" -> runaway(tools);
                case "race" -> race(tools);
                case "timeouts" -> timeouts(tools);
                case "tokens" -> tokens(tools);
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
        System.out.println("DONE");
    }

    private static void runaway(BudgetTools tools) {
        int refused = 0;
        String firstRefusal = null;
        for (int i = 0; i < 1_000; i++) {
            try {
                tools.ping(i);
            } catch (SecurityException e) {
                refused++;
                firstRefusal = firstRefusal == null ? e.getMessage() : firstRefusal;
            }
        }
        System.out.println("RAN " + BudgetTools.PINGS.get() + " REFUSED " + refused);
        System.out.println("FIRST-REFUSAL " + firstRefusal);
    }

    private static void race(BudgetTools tools) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    try {
                        tools.ping(i);
                    } catch (SecurityException e) {
                        refused.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("RAN " + BudgetTools.PINGS.get() + " REFUSED " + refused.get());
    }

    private static void timeouts(BudgetTools tools) {
        for (String tool : List.of("slow_query", "stubborn_query")) {
            long started = System.nanoTime();
            try {
                String result = tool.equals("slow_query") ? tools.slowQuery(10_000) : tools.stubbornQuery(1_000);
                System.out.println("CALLER " + tool + " got " + result);
            } catch (SecurityException e) {
                System.out.println("CALLER " + tool + " refused after " + (System.nanoTime() - started) / 1_000_000
                        + " ms: " + e.getMessage());
            } catch (InterruptedException e) {
                System.out.println("CALLER " + tool + " got the interrupt itself");
            }
            System.out.println("CALLER " + tool + " thread interrupted afterwards: "
                    + Thread.currentThread().isInterrupted());
        }
        System.out.println("CALLER ping " + tools.ping(1));
    }

    private static void tokens(BudgetTools tools) {
        for (int i = 0; i < 5; i++) {
            try {
                tools.ping(i);
                System.out.println("PING " + i + " ran");
            } catch (SecurityException e) {
                System.out.println("PING " + i + " refused: " + e.getMessage());
            }
            Toolgate.reportTokens(400);
        }
    }
}
