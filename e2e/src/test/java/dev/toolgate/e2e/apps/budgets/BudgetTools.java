package dev.toolgate.e2e.apps.budgets;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools whose bodies count how often they ran and show how they react to an interrupt. */
public class BudgetTools {

    static final AtomicInteger PINGS = new AtomicInteger();

    @AgentTool(name = "ping", risk = Risk.READ)
    public String ping(int n) {
        PINGS.incrementAndGet();
        return "pong " + n;
    }

    /** Sleeps; an interrupt ends the sleep. */
    @AgentTool(name = "slow_query", risk = Risk.READ)
    public String slowQuery(long millis) throws InterruptedException {
        System.out.println("BODY slow_query started");
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            System.out.println("BODY slow_query interrupted");
            throw e;
        }
        return "slow result";
    }

    /** Spins for the time given and ignores interrupts. */
    @AgentTool(name = "stubborn_query", risk = Risk.READ)
    public String stubbornQuery(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        boolean sawInterrupt = false;
        while (System.nanoTime() < until) {
            sawInterrupt |= Thread.currentThread().isInterrupted();
            Thread.onSpinWait();
        }
        System.out.println("BODY stubborn_query done, saw interrupt: " + sawInterrupt);
        return "stubborn result";
    }
}
