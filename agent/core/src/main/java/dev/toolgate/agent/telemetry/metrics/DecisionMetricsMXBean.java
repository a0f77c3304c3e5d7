package dev.toolgate.agent.telemetry.metrics;

import java.util.Map;

/**
 * The decision metrics over JMX, as {@code dev.toolgate:type=Decisions}: the same counts the Prometheus endpoint and
 * OTLP export carry. Maps appear in JMX clients as tables.
 */
public interface DecisionMetricsMXBean {

    /** Decisions by {@code outcome=…,role=…,tool=…,risk=…,step=…}; only label sets counted at least once. */
    Map<String, Long> getDecisions();

    long getDecisionsAllowed();

    long getDecisionsDenied();

    /** Cumulative decision counts by upper bound in seconds ({@code +Inf} last), as a Prometheus histogram. */
    Map<String, Long> getGateLatencyBuckets();

    double getGateLatencySumSeconds();

    /** Approval requests waiting for an answer now. */
    int getApprovalsPending();

    /** Approval requests by what became of them: requested, approved, denied, timed_out, other. */
    Map<String, Long> getApprovals();

    /** {@code budget_exceeded} events by {@code role=…,phase=…}. */
    Map<String, Long> getBudgetRefusals();

    long getPolicyReloads();

    long getPolicyReloadFailures();

    /** Audit events the OTLP log export had to drop (receiver down longer than its queue holds). */
    long getOtlpLogsDropped();
}
