package dev.toolgate.agent.gate;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.dispatch.DispatchRequest;
import dev.toolgate.agent.dispatch.DispatchSite;
import dev.toolgate.agent.dispatch.SiteKeys;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.bootstrap.CallGate;
import dev.toolgate.bootstrap.ToolCallDeniedException;
import dev.toolgate.bootstrap.ToolgateBridge;
import java.util.List;

/**
 * The gate when there is no usable policy: every call, at a tool method or a dispatch point, is refused with the
 * start-up problem as the reason, and audited when an audit log could be opened. In monitor mode calls run,
 * audited as they would have been refused.
 */
public final class RefusingGate implements CallGate {

    private final ToolRegistry tools;
    private final SiteKeys siteKeys;
    private final CallerResolver callers;
    private final AuditLog audit;
    private final Mode mode;
    private final String reason;

    /** @param audit may be null when the audit log itself could not be opened */
    public RefusingGate(
            ToolRegistry tools, SiteKeys siteKeys, CallerResolver callers, AuditLog audit, Mode mode, String reason) {
        this.tools = tools;
        this.siteKeys = siteKeys;
        this.callers = callers;
        this.audit = audit;
        this.mode = mode;
        this.reason = reason;
    }

    @Override
    public Object enter(int toolId, long key, Object[] arguments) {
        ToolDescriptor tool = tools.get(toolId, key);
        if (tool == null) {
            ToolgateBridge.countRefusedBridgeCall();
            throw new ToolCallDeniedException("#" + toolId, null, reason);
        }
        return refuse(tool, arguments == null ? null : arguments.clone());
    }

    @Override
    public Object dispatch(int site, long key, Object receiver, Object[] arguments) {
        DispatchSite kind = DispatchSite.of(site);
        if (kind == null || !siteKeys.matches(kind, key)) {
            ToolgateBridge.countRefusedBridgeCall();
            throw new ToolCallDeniedException("(dispatched tool)", null, reason);
        }
        String name;
        try {
            DispatchRequest request = kind.read(receiver, arguments);
            name = request.toolName() == null || request.toolName().isBlank() ? "(unnamed)" : request.toolName();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            name = "(dispatched tool)";
        }
        ToolDescriptor tool = new ToolDescriptor(
                -1,
                name,
                receiver == null ? kind.name() : receiver.getClass().getName(),
                kind.method(),
                List.of(),
                null,
                kind.source());
        try {
            return refuse(tool, null);
        } catch (ToolCallDeniedException refusal) {
            try {
                return kind.refuseOnEntry(receiver, arguments, refusal);
            } catch (ReflectiveOperationException | LinkageError frameworkChanged) {
                throw refusal;
            }
        }
    }

    private Object refuse(ToolDescriptor tool, Object[] arguments) {
        Caller caller = callers.current();
        RiskLevel risk = tool.declaredRisk() != null ? tool.declaredRisk() : RiskLevel.HIGHEST;
        if (audit != null) {
            audit.append(AuditEvent.decision(caller, tool, arguments, Decision.deny(risk, reason, "startup"), mode));
        }
        if (mode == Mode.ENFORCE) {
            throw new ToolCallDeniedException(tool.name(), caller.role(), reason);
        }
        return null;
    }

    @Override
    public Throwable exit(Object token, Object result, Throwable thrown) {
        return thrown;
    }
}
