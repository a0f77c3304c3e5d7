package dev.toolgate.agent.audit;

import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Flow;
import dev.toolgate.agent.decision.ResultReceipt;
import dev.toolgate.agent.instrument.ToolDescriptor;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit record as captured on the calling thread. Rendering to JSON, which may call application
 * {@code toString} methods and is the costly part, happens later on the writer thread.
 *
 * @param arguments     the call's arguments (a copy of the array); null where the event has none
 * @param result        what the tool returned or threw; {@link #NO_RESULT} where the event has none
 * @param durationNanos how long the tool ran, or -1
 * @param details       extra fields of agent lifecycle events and of decisions with a provenance finding
 * @param receipt       told the event's {@code seq} once written: a tool result that later calls may name
 */
public record AuditEvent(
        Instant timestamp,
        EventType type,
        Caller caller,
        ToolDescriptor tool,
        Object[] arguments,
        Object result,
        long tokensUsed,
        Decision decision,
        Mode mode,
        long durationNanos,
        Map<String, Object> details,
        ResultReceipt receipt) {

    /** Marks an event that carries no result, as distinct from a tool that returned null. */
    public static final Object NO_RESULT = new Object();

    public static AuditEvent decision(
            Caller caller, ToolDescriptor tool, Object[] arguments, Decision decision, Mode mode) {
        return decision(caller, tool, arguments, decision, mode, 0);
    }

    /** @param tokensUsed tokens the caller's session has used so far */
    public static AuditEvent decision(
            Caller caller, ToolDescriptor tool, Object[] arguments, Decision decision, Mode mode, long tokensUsed) {
        return new AuditEvent(
                Instant.now(),
                EventType.DECISION,
                caller,
                tool,
                arguments,
                NO_RESULT,
                tokensUsed,
                decision,
                mode,
                -1,
                flowDetails(decision),
                null);
    }

    /**
     * What the provenance step found, as the decision event's {@code provenance} field, and the policy key under
     * which the deciding rule applied ({@code policy_key}) when {@code rule} names a rule id.
     */
    static Map<String, Object> flowDetails(Decision decision) {
        Map<String, Object> found = flowOnly(decision);
        if (decision == null || decision.policyKey() == null) {
            return found;
        }
        Map<String, Object> all = new LinkedHashMap<>(found);
        all.put("policy_key", decision.policyKey());
        return Collections.unmodifiableMap(all);
    }

    private static Map<String, Object> flowOnly(Decision decision) {
        Flow flow = decision == null ? null : decision.flow();
        if (flow == null) {
            return Map.of();
        }
        Map<String, Object> found = new LinkedHashMap<>();
        if (flow.argument() != null) {
            found.put("argument", flow.argument());
        }
        found.put("label", flow.label());
        found.put("rule", flow.rule());
        if (flow.sourceTool() != null) {
            found.put("source_tool", flow.sourceTool());
        }
        if (flow.sourceSeq() >= 0) {
            found.put("source_seq", flow.sourceSeq());
        }
        return Map.of("provenance", Collections.unmodifiableMap(found));
    }

    /** The call now waits for a person; {@code pending} carries the approval request's id. */
    public static AuditEvent approvalRequested(
            Caller caller,
            ToolDescriptor tool,
            Object[] arguments,
            Decision pending,
            Mode mode,
            Map<String, Object> details) {
        return new AuditEvent(
                Instant.now(),
                EventType.APPROVAL_REQUESTED,
                caller,
                tool,
                arguments,
                NO_RESULT,
                0,
                pending,
                mode,
                -1,
                withFlow(details, pending),
                null);
    }

    private static Map<String, Object> withFlow(Map<String, Object> details, Decision decision) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.putAll(flowDetails(decision));
        return Collections.unmodifiableMap(all);
    }

    /** Something about a decided call worth recording beside it, such as an alert that failed. */
    public static AuditEvent notice(
            EventType type,
            Caller caller,
            ToolDescriptor tool,
            Decision decision,
            Mode mode,
            Map<String, Object> details) {
        return new AuditEvent(
                Instant.now(),
                type,
                caller,
                tool,
                null,
                NO_RESULT,
                0,
                decision,
                mode,
                -1,
                Collections.unmodifiableMap(new LinkedHashMap<>(details)),
                null);
    }

    public static AuditEvent outcome(
            Caller caller,
            ToolDescriptor tool,
            Decision decision,
            Mode mode,
            Object result,
            Throwable thrown,
            long durationNanos) {
        return outcome(caller, tool, decision, mode, result, thrown, durationNanos, 0);
    }

    /** @param tokensUsed tokens the caller's session has used so far */
    public static AuditEvent outcome(
            Caller caller,
            ToolDescriptor tool,
            Decision decision,
            Mode mode,
            Object result,
            Throwable thrown,
            long durationNanos,
            long tokensUsed) {
        return outcome(caller, tool, decision, mode, result, thrown, durationNanos, tokensUsed, null);
    }

    /** @param receipt told the event's {@code seq} once written; null when no later call can name the result */
    public static AuditEvent outcome(
            Caller caller,
            ToolDescriptor tool,
            Decision decision,
            Mode mode,
            Object result,
            Throwable thrown,
            long durationNanos,
            long tokensUsed,
            ResultReceipt receipt) {
        return new AuditEvent(
                Instant.now(),
                thrown == null ? EventType.TOOL_RESULT : EventType.ERROR,
                caller,
                tool,
                null,
                thrown == null ? result : thrown,
                tokensUsed,
                decision,
                mode,
                durationNanos,
                Map.of(),
                receipt);
    }

    /**
     * A dispatch point that returned the framework's error result instead of throwing (LangChain4j's
     * {@code ToolExecutionResult} with {@code isError}): an {@code error} event holding that result's text.
     */
    public static AuditEvent errorResult(
            Caller caller,
            ToolDescriptor tool,
            Decision decision,
            Mode mode,
            String errorText,
            long durationNanos,
            long tokensUsed) {
        return new AuditEvent(
                Instant.now(),
                EventType.ERROR,
                caller,
                tool,
                null,
                errorText,
                tokensUsed,
                decision,
                mode,
                durationNanos,
                Map.of(),
                null);
    }

    public static AuditEvent lifecycle(EventType type, Caller caller, Mode mode, Map<String, Object> details) {
        return new AuditEvent(
                Instant.now(),
                type,
                caller,
                null,
                null,
                NO_RESULT,
                0,
                null,
                mode,
                -1,
                Collections.unmodifiableMap(new LinkedHashMap<>(details)),
                null);
    }
}
