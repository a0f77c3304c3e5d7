package dev.toolgate.agent.approval;

import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builders for calls and policies in approval tests. */
final class Calls {

    private Calls() {}

    static ToolCall call(String role, String session, String tool, List<String> parameters, Object... arguments) {
        return new ToolCall(
                new ToolDescriptor(0, tool, "demo.Tools", tool, parameters, null, ToolSource.AGENT_TOOL),
                new Caller("agent-1", role, session),
                arguments);
    }

    static Decision allowed(RiskLevel risk) {
        return Decision.allow(risk, "allowed by the role", "roles.ops.allowed_tools");
    }

    static Policy policy(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file);
    }
}
