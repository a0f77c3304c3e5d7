package dev.toolgate.agent.telemetry.metrics;

import dev.toolgate.agent.audit.AuditListener;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.policy.Policy;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The gate's decision metrics: decisions by outcome, role, tool, risk and deciding step; how long deciding took;
 * approvals, budget refusals and reloads from the audit log. Lives as long as the agent; each policy version gets
 * a {@link #recorderFor recorder} whose labels are that version's roles and tools.
 */
public final class GateMetrics implements DecisionMetricsMXBean {

    public static final String OBJECT_NAME = "dev.toolgate:type=Decisions";

    private final DecisionCounters counters = new DecisionCounters();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final AuditCounters audited = new AuditCounters();
    private volatile LongSupplier otlpLogsDropped = () -> 0;
    private volatile boolean registered;

    /** The recorder of a policy version: counts its calls, with its roles and tools as labels. */
    public DecisionRecorder recorderFor(Policy policy) {
        PolicyLabels labels = new PolicyLabels(policy, counters);
        audited.knownRoles(policy.roles()::containsKey);
        return new MetricsRecorder(labels, latency);
    }

    /** Follows the audit log for approvals, budget refusals and reloads. */
    public AuditListener auditListener() {
        return audited;
    }

    /** Where the count of audit events the OTLP export dropped comes from. */
    public void otlpLogsDropped(LongSupplier dropped) {
        this.otlpLogsDropped = dropped;
    }

    /** Registers the MBean; a second agent in the same JVM keeps the first one's. */
    public void registerMBean() {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(OBJECT_NAME));
            registered = true;
        } catch (JMException | RuntimeException e) {
            System.err.println("[toolgate] WARNING: the MBean " + OBJECT_NAME + " could not be registered: " + e);
        }
    }

    /** Takes the MBean away again, if this registered it. */
    public void unregisterMBean() {
        if (!registered) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(OBJECT_NAME));
        } catch (JMException | RuntimeException gone) {
            // unregistered by someone else: nothing left to do
        }
        registered = false;
    }

    /** One label set's count. */
    record Count(String outcome, String role, String tool, String risk, String step, long value) {}

    /** Every label set counted at least once. */
    List<Count> counts() {
        List<Count> counts = new java.util.ArrayList<>();
        for (DecisionCells cells : counters.all()) {
            for (int o = 0; o < DecisionCells.OUTCOMES.length; o++) {
                for (int s = 0; s < DecisionCells.STEPS.length; s++) {
                    for (int r = 0; r < DecisionCells.RISKS.length; r++) {
                        long value = cells.count(o, s, r);
                        if (value > 0) {
                            counts.add(new Count(
                                    DecisionCells.OUTCOMES[o].wireName(),
                                    cells.role,
                                    cells.tool,
                                    DecisionCells.RISKS[r].wireName(),
                                    DecisionCells.STEPS[s].wireName(),
                                    value));
                        }
                    }
                }
            }
        }
        return counts;
    }

    long[] latencyCounts() {
        return latency.counts();
    }

    AuditCounters audited() {
        return audited;
    }

    @Override
    public Map<String, Long> getDecisions() {
        Map<String, Long> decisions = new LinkedHashMap<>();
        for (Count count : counts()) {
            decisions.put(
                    "outcome=" + count.outcome() + ",role=" + count.role() + ",tool=" + count.tool() + ",risk="
                            + count.risk() + ",step=" + count.step(),
                    count.value());
        }
        return decisions;
    }

    @Override
    public long getDecisionsAllowed() {
        return counts().stream()
                .filter(c -> c.outcome().equals("allow"))
                .mapToLong(Count::value)
                .sum();
    }

    @Override
    public long getDecisionsDenied() {
        return counts().stream()
                .filter(c -> c.outcome().equals("deny"))
                .mapToLong(Count::value)
                .sum();
    }

    @Override
    public Map<String, Long> getGateLatencyBuckets() {
        long[] counts = latency.counts();
        Map<String, Long> buckets = new LinkedHashMap<>();
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            buckets.put(
                    i < LatencyHistogram.BOUNDS_NANOS.length
                            ? BigDecimal.valueOf(LatencyHistogram.BOUNDS_NANOS[i], 9)
                                    .stripTrailingZeros()
                                    .toPlainString()
                            : "+Inf",
                    cumulative);
        }
        return buckets;
    }

    @Override
    public double getGateLatencySumSeconds() {
        return latency.sumNanos() / 1e9;
    }

    @Override
    public int getApprovalsPending() {
        return audited.pending();
    }

    @Override
    public Map<String, Long> getApprovals() {
        return audited.approvals();
    }

    @Override
    public Map<String, Long> getBudgetRefusals() {
        Map<String, Long> refusals = new LinkedHashMap<>();
        audited.budgetRefusals().forEach((key, value) -> {
            String[] parts = key.split("\u0000", 2);
            refusals.put("role=" + parts[0] + ",phase=" + parts[1], value);
        });
        return refusals;
    }

    @Override
    public long getPolicyReloads() {
        return audited.reloads();
    }

    @Override
    public long getPolicyReloadFailures() {
        return audited.reloadFailures();
    }

    @Override
    public long getOtlpLogsDropped() {
        return otlpLogsDropped.getAsLong();
    }
}
