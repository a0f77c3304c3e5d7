package dev.toolgate.agent.telemetry.metrics;

import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.policy.RiskLevel;

/** Counts one policy version's decisions into the agent's counters: two map reads and three adds per call. */
final class MetricsRecorder implements DecisionRecorder {

    private final PolicyLabels labels;
    private final LatencyHistogram latency;

    MetricsRecorder(PolicyLabels labels, LatencyHistogram latency) {
        this.labels = labels;
        this.latency = latency;
    }

    @Override
    public void decided(Caller caller, ToolDescriptor tool, Decision decision, long startNanos, long endNanos) {
        RiskLevel risk = decision.risk() == null ? RiskLevel.HIGHEST : decision.risk();
        Outcome outcome = decision.outcome() == Outcome.ALLOW ? Outcome.ALLOW : Outcome.DENY;
        labels.cells(caller.role(), tool.name(), tool.qualifiedName()).count(outcome, decision.step(), risk);
        latency.record(endNanos - startNanos);
    }
}
