package dev.toolgate.agent.gate;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.bootstrap.CallGate;
import dev.toolgate.bootstrap.ToolCallDeniedException;

/**
 * The gate when there is no usable policy: every call is refused with the start-up problem as the reason, and
 * audited when an audit log could be opened. In monitor mode calls run, audited as they would have been refused.
 */
public final class RefusingGate implements CallGate {

    private final ToolRegistry tools;
    private final CallerResolver callers;
    private final AuditLog audit;
    private final Mode mode;
    private final String reason;

    /** @param audit may be null when the audit log itself could not be opened */
    public RefusingGate(ToolRegistry tools, CallerResolver callers, AuditLog audit, Mode mode, String reason) {
        this.tools = tools;
        this.callers = callers;
        this.audit = audit;
        this.mode = mode;
        this.reason = reason;
    }

    @Override
    public Object enter(int toolId, Object[] arguments) {
        ToolDescriptor tool = tools.get(toolId);
        String name = tool == null ? "tool #" + toolId : tool.name();
        Caller caller = callers.current();
        RiskLevel risk = tool != null && tool.declaredRisk() != null ? tool.declaredRisk() : RiskLevel.HIGHEST;
        if (audit != null && tool != null) {
            audit.append(AuditEvent.decision(caller, tool, arguments == null ? null : arguments.clone(),
                    Decision.deny(risk, reason, "startup"), mode));
        }
        if (mode == Mode.ENFORCE) {
            throw new ToolCallDeniedException(name, caller.role(), reason);
        }
        return null;
    }

    @Override
    public Throwable exit(Object token, Object result, Throwable thrown) {
        return thrown;
    }
}
