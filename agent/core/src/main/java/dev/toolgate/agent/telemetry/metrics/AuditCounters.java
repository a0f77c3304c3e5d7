package dev.toolgate.agent.telemetry.metrics;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditListener;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.WrittenBatch;
import dev.toolgate.agent.decision.Approval;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * What the audit log says about approvals, budgets and reloads, counted as it is written: a request waits from
 * its {@code approval_requested} event until the decision event that carries its id. Counted from the events'
 * values, never from their lines.
 */
final class AuditCounters implements AuditListener {

    /** Requests still waiting that are tracked by id; a flood beyond it forgets the oldest. */
    static final int MAX_TRACKED = 65_536;

    private static final Set<String> APPROVAL_RESULTS = Set.of(Approval.APPROVED, Approval.DENIED, Approval.TIMED_OUT);
    private static final Set<String> BUDGET_PHASES = Set.of("refused", "cut_off", "late_result");

    private final Set<String> pending = new LinkedHashSet<>();
    private final ConcurrentHashMap<String, LongAdder> approvals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> budget = new ConcurrentHashMap<>();
    private final LongAdder reloads = new LongAdder();
    private final LongAdder reloadFailures = new LongAdder();
    private volatile Predicate<String> knownRole = role -> false;

    void knownRoles(Predicate<String> roles) {
        this.knownRole = roles;
    }

    @Override
    public void batchWritten(WrittenBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            count(batch.event(i));
        }
    }

    private void count(AuditEvent event) {
        EventType type = event.type();
        if (type == EventType.APPROVAL_REQUESTED) {
            requested(event);
        } else if (type == EventType.DECISION) {
            answered(event);
        } else if (type == EventType.BUDGET_EXCEEDED) {
            Object phase = event.details().get("phase");
            String phaseLabel = phase != null && BUDGET_PHASES.contains(phase.toString())
                    ? phase.toString()
                    : DecisionCounters.OTHER;
            budget.computeIfAbsent(role(event) + "\u0000" + phaseLabel, k -> new LongAdder())
                    .increment();
        } else if (type == EventType.POLICY_CHANGE) {
            reloads.increment();
        } else if (type == EventType.POLICY_RELOAD_FAILED) {
            reloadFailures.increment();
        }
    }

    private synchronized void requested(AuditEvent event) {
        Approval approval = event.decision() == null ? null : event.decision().approval();
        if (approval == null || approval.id() == null) {
            return;
        }
        if (pending.size() >= MAX_TRACKED) {
            Iterator<String> oldest = pending.iterator();
            oldest.next();
            oldest.remove();
        }
        pending.add(approval.id());
        approvals.computeIfAbsent("requested", k -> new LongAdder()).increment();
    }

    private synchronized void answered(AuditEvent event) {
        Approval approval = event.decision() == null ? null : event.decision().approval();
        if (approval == null || approval.id() == null || !pending.remove(approval.id())) {
            return;
        }
        String result = APPROVAL_RESULTS.contains(approval.status()) ? approval.status() : DecisionCounters.OTHER;
        approvals.computeIfAbsent(result, k -> new LongAdder()).increment();
    }

    private String role(AuditEvent event) {
        String role = event.caller() == null ? null : event.caller().role();
        return role != null && knownRole.test(role) ? role : DecisionCounters.OTHER;
    }

    synchronized int pending() {
        return pending.size();
    }

    /** Approvals by what became of them: requested, approved, denied, timed_out, other. */
    Map<String, Long> approvals() {
        return sums(approvals);
    }

    /** Budget refusals keyed {@code role\0phase}. */
    Map<String, Long> budgetRefusals() {
        return sums(budget);
    }

    long reloads() {
        return reloads.sum();
    }

    long reloadFailures() {
        return reloadFailures.sum();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
