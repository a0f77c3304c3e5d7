package dev.toolgate.agent.gate;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.bootstrap.CallGate;
import dev.toolgate.bootstrap.ToolCallDeniedException;
import dev.toolgate.bootstrap.ToolgateBridge;

/**
 * The gate in front of every tool method: decide, audit the decision, refuse or let the call run, audit the
 * outcome. In enforce mode an error inside the gate refuses the call; in monitor mode nothing is refused.
 */
public final class ToolGate implements CallGate {

    private final ToolRegistry tools;
    private final CallerResolver callers;
    private final CallPipeline pipeline;
    private final AuditLog audit;
    private final Mode mode;

    public ToolGate(ToolRegistry tools, CallerResolver callers, CallPipeline pipeline, AuditLog audit, Mode mode) {
        this.tools = tools;
        this.callers = callers;
        this.pipeline = pipeline;
        this.audit = audit;
        this.mode = mode;
    }

    @Override
    public Object enter(int toolId, Object[] arguments) {
        ToolDescriptor tool = tools.get(toolId);
        if (tool == null) {
            return failInternally("tool #" + toolId, new IllegalStateException("no tool registered as #" + toolId));
        }
        Caller caller;
        Decision decision;
        try {
            caller = callers.current();
            decision = pipeline.decide(tool, caller);
            audit.append(AuditEvent.decision(caller, tool, arguments == null ? null : arguments.clone(), decision,
                    mode));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            return failInternally(tool.name(), internal);
        }
        if (!decision.allowed() && mode == Mode.ENFORCE) {
            throw new ToolCallDeniedException(tool.name(), caller.role(), decision.reason());
        }
        return new ActiveCall(tool, caller, decision, System.nanoTime());
    }

    @Override
    public void exit(Object token, Object result, Throwable thrown) {
        try {
            ActiveCall call = (ActiveCall) token;
            audit.append(AuditEvent.outcome(call.caller(), call.tool(), call.decision(), mode, result, thrown,
                    System.nanoTime() - call.startNanos()));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            // The tool already ran; its result stands. The lost record is counted and reported.
            ToolgateBridge.countSuppressedError();
            System.err.println("[toolgate] ERROR: the outcome of a tool call could not be audited: " + internal);
        }
    }

    private Object failInternally(String toolName, Throwable internal) {
        ToolgateBridge.countSuppressedError();
        String reason = "internal error in Toolgate (" + internal + "); the call is refused to fail closed";
        try {
            Caller caller = callers.current();
            audit.append(AuditEvent.decision(caller, null, null,
                    Decision.deny(RiskLevel.HIGHEST, reason + " [tool " + toolName + "]", "internal-error"), mode));
        } catch (RuntimeException | Error ignored) {
            // already counted; nothing more can be said
        }
        if (mode == Mode.ENFORCE) {
            throw new ToolCallDeniedException(toolName, callers.current().role(), reason);
        }
        return null;
    }
}
