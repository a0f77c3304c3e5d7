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
}
