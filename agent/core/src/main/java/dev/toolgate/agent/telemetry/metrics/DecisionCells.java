package dev.toolgate.agent.telemetry.metrics;

import dev.toolgate.agent.decision.DecidingStep;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.policy.RiskLevel;
import java.util.concurrent.atomic.LongAdder;

/**
 * The decision counts of one (role, tool) label pair: one adder per outcome, deciding step and risk, made when the
 * pair is first seen so that counting a call allocates nothing.
 */
final class DecisionCells {

    static final Outcome[] OUTCOMES = {Outcome.ALLOW, Outcome.DENY};
    static final DecidingStep[] STEPS = DecidingStep.values();
    static final RiskLevel[] RISKS = RiskLevel.values();

    final String role;
    final String tool;
    private final LongAdder[] counts = new LongAdder[OUTCOMES.length * STEPS.length * RISKS.length];

    DecisionCells(String role, String tool) {
        this.role = role;
        this.tool = tool;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void count(Outcome outcome, DecidingStep step, RiskLevel risk) {
        counts[index(outcome == Outcome.ALLOW ? 0 : 1, step.ordinal(), risk.ordinal())].increment();
    }

    long count(int outcome, int step, int risk) {
        return counts[index(outcome, step, risk)].sum();
    }

    private static int index(int outcome, int step, int risk) {
        return (outcome * STEPS.length + step) * RISKS.length + risk;
    }
}
