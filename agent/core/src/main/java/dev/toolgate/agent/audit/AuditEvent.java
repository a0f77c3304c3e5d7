package dev.toolgate.agent.audit;

import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
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
 * @param details       extra fields of agent lifecycle events; empty otherwise
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
        Map<String, Object> details) {

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
                Map.of());
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
                Collections.unmodifiableMap(new LinkedHashMap<>(details)));
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
                Collections.unmodifiableMap(new LinkedHashMap<>(details)));
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
                Map.of());
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
                Map.of());
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
                Collections.unmodifiableMap(new LinkedHashMap<>(details)));
    }
}
