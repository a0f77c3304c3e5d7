package dev.toolgate.agent.budget;

/**
 * The time budgets are measured in: monotonic nanoseconds. Never the wall clock, which jumps when it is set or
 * synchronised; tests put in their own.
 */
@FunctionalInterface
public interface BudgetClock {

    BudgetClock SYSTEM = System::nanoTime;

    long nanoTime();
}
