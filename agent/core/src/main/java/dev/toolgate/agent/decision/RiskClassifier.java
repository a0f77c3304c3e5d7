package dev.toolgate.agent.decision;

import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;

/**
 * A tool's risk: the policy's {@code tools:} entry (under its qualified name first, such as
 * {@code mcp:SERVER/TOOL}, then its plain name), else what the code or the MCP server declared, else the highest
 * class.
 */
public final class RiskClassifier {

    private final Policy policy;

    public RiskClassifier(Policy policy) {
        this.policy = policy;
    }

    public RiskLevel classify(ToolDescriptor tool) {
        RiskLevel fromPolicy = tool.qualifiedName() == null ? null : policy.riskOf(tool.qualifiedName());
        if (fromPolicy == null) {
            fromPolicy = policy.riskOf(tool.name());
        }
        if (fromPolicy != null) {
            return fromPolicy;
        }
        return tool.declaredRisk() != null ? tool.declaredRisk() : RiskLevel.HIGHEST;
    }

    /** {@link #classify}, recording in {@code trace} where the risk came from. */
    public RiskLevel explain(ToolDescriptor tool, CallTrace trace) {
        RiskLevel risk = classify(tool);
        String qualified = tool.qualifiedName();
        if (qualified != null && policy.riskOf(qualified) != null) {
            trace.add(
                    "risk", risk.wireName(), "the policy's tools: entry for '" + qualified + "'", "tools." + qualified);
        } else if (policy.riskOf(tool.name()) != null) {
            trace.add(
                    "risk",
                    risk.wireName(),
                    "the policy's tools: entry for '" + tool.name() + "'",
                    "tools." + tool.name());
        } else if (tool.declaredRisk() != null) {
            trace.add(
                    "risk",
                    risk.wireName(),
                    "no tools: entry; the tool declares it ("
                            + (tool.source() == dev.toolgate.agent.instrument.ToolSource.MCP
                                    ? "the MCP server's annotations"
                                    : "@AgentTool(risk)")
                            + ")",
                    null);
        } else {
            trace.add(
                    "risk",
                    risk.wireName(),
                    "unknown: no tools: entry for '" + tool.name() + "' and no declared risk, so the highest class",
                    null);
        }
        return risk;
    }
}
