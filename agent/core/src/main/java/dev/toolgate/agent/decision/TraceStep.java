package dev.toolgate.agent.decision;

/**
 * One line of a decision trace: what a step of the pipeline concluded about a call, and why.
 *
 * @param step    which step: {@code risk}, {@code permission}, {@code validation}, {@code budgets}, {@code approval}
 * @param verdict what it concluded, in one word or two: {@code allow}, {@code deny}, {@code pass}, {@code no match},
 *                {@code approve}, a risk class, …
 * @param detail  why, in the words the gate uses for its reasons
 * @param rule    the policy key behind it, or null when no key of the policy is involved (a built-in default)
 */
public record TraceStep(String step, String verdict, String detail, String rule) {}
