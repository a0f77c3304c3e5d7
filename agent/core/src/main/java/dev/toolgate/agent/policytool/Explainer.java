package dev.toolgate.agent.policytool;

import dev.toolgate.agent.approval.ApprovalStage;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.budget.Budgets;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.CallTrace;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.validation.ArgumentValidationStage;
import dev.toolgate.agent.validation.SettingException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides calls against one policy with the agent's own stages and a trace: argument validation as compiled
 * for the agent, budgets on fresh session state kept for this explainer's lifetime (so calls naming the same
 * session count against each other, in order), and the approval rules without a channel. Nothing is audited
 * and nobody is asked.
 */
public final class Explainer {

    private final CallPipeline pipeline;
    private final dev.toolgate.agent.provenance.Provenance provenance;
    private final Map<String, Integer> toolIds = new ConcurrentHashMap<>();

    private Explainer(CallPipeline pipeline, dev.toolgate.agent.provenance.Provenance provenance) {
        this.pipeline = pipeline;
        this.provenance = provenance;
    }

    /** @throws SettingException when the policy's validation settings do not compile (the loader reports it first) */
    public static Explainer forPolicy(Policy policy) throws SettingException {
        // Without earlier messages or results, a sink call of a tracked role is judged as the agent judges a
        // conversation it knows nothing of.
        dev.toolgate.agent.provenance.Provenance provenance = dev.toolgate.agent.provenance.Provenance.start(policy);
        CallPipeline pipeline = CallPipeline.forPolicy(policy)
                .validation(new ArgumentValidationStage(policy))
                .provenance(provenance.first().active() ? provenance.first() : null)
                .budgets(Budgets.unscheduled(policy, AuditLog.discarding()).stage())
                .approval(ApprovalStage.rulesOnly(policy))
                .build();
        return new Explainer(pipeline, provenance);
    }

    /** A user or system message of the conversation of {@code role} and {@code session}. */
    public void trusted(String role, String session, String text) {
        provenance.trusted(caller(role, session), text);
    }

    /**
     * An earlier result of {@code tool} in the conversation of {@code role} and {@code session}, standing for the
     * audit event {@code seq}; labelled as the policy labels the tool's results.
     */
    public void result(String role, String session, String tool, String text, long seq) {
        CallSpec spec;
        try {
            spec = new CallSpec(role, tool, dev.toolgate.agent.dispatch.ToolArguments.parse("{}"), session, null);
        } catch (dev.toolgate.agent.dispatch.ToolArguments.Unreadable impossible) {
            throw new IllegalStateException("'{}' is not read as no arguments", impossible);
        }
        dev.toolgate.agent.decision.ResultReceipt receipt =
                provenance.first().captured(new ToolCall(descriptor(spec), caller(role, session), new Object[0]), text);
        if (receipt != null) {
            receipt.written(seq);
        }
    }

    private static Caller caller(String role, String session) {
        return new Caller("policy-explain", role, session);
    }

    public Explanation explain(CallSpec spec) {
        CallTrace trace = new CallTrace();
        Decision decision = pipeline.explain(
                new ToolCall(
                        descriptor(spec),
                        caller(spec.role(), spec.session()),
                        spec.arguments().values()),
                trace);
        return new Explanation(decision, trace.steps());
    }

    /**
     * The tool as the gate would see a dispatched call of it: named arguments, no Java types. A name
     * {@code mcp:SERVER/TOOL} is an MCP server's tool, which the gate knows by both its plain and its qualified
     * name.
     */
    private ToolDescriptor descriptor(CallSpec spec) {
        // The validation stage compiles its checks per tool id: one id per name.
        int id = toolIds.computeIfAbsent(spec.tool(), name -> toolIds.size());
        String tool = spec.tool();
        int slash = tool.indexOf('/');
        boolean mcp = tool.startsWith("mcp:") && slash > 4 && slash < tool.length() - 1;
        return new ToolDescriptor(
                id,
                mcp ? tool.substring(slash + 1) : tool,
                "(policy explain)",
                tool,
                List.copyOf(spec.arguments().names()),
                spec.declaredRisk(),
                mcp ? ToolSource.MCP : ToolSource.POLICY,
                List.of(),
                mcp ? tool : null);
    }
}
