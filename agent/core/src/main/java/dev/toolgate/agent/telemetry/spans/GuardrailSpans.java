package dev.toolgate.agent.telemetry.spans;

import dev.toolgate.agent.config.AgentVersion;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.bootstrap.ToolgateBridge;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * An {@code apply_guardrail} span per decided call, in the application's current trace, when the OpenTelemetry
 * Java agent runs in the same JVM: the GenAI security conventions' guardian span ({@code gen_ai.security.*}),
 * with the policy, rule, role and tool. The decision's reason is left out: it may quote the call's arguments, and
 * the conventions ask for nothing sensitive there. The agent's API is looked up at the first call (the other agent
 * may start after this one); a failure turns the spans off with one warning and never reaches the call.
 */
public final class GuardrailSpans {

    static final String SPAN_NAME = "apply_guardrail Toolgate";

    private final Mode mode;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile OtelAgentApi api;
    private volatile Object tracer;
    private volatile boolean unavailable;

    public GuardrailSpans(Mode mode, Clock clock) {
        this.mode = mode;
        this.clock = clock;
    }

    /** Whether the OpenTelemetry Java agent is, or is about to be, in this JVM. */
    public static boolean otelAgentPresent() {
        return OtelAgentApi.present() || OtelAgentArguments.named();
    }

    /** The recorder of one policy version. */
    public DecisionRecorder recorderFor(Policy policy) {
        Path file = policy.source() == null ? null : policy.source().getFileName();
        String policyId = file == null ? null : file.toString();
        String policyVersion = policy.sha256();
        return (caller, tool, decision, startNanos, endNanos) ->
                span(caller, tool, decision, endNanos - startNanos, policyId, policyVersion);
    }

    private void span(
            Caller caller, ToolDescriptor tool, Decision decision, long nanos, String policyId, String policyVersion) {
        if (unavailable) {
            return;
        }
        try {
            OtelAgentApi otel = api != null ? api : resolve();
            if (otel == null) {
                return;
            }
            Instant now = clock.instant();
            long end = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            Object builder = otel.spanBuilder(tracer, SPAN_NAME);
            otel.internal(builder);
            otel.start(builder, end - nanos);
            otel.attribute(builder, "gen_ai.operation.name", "apply_guardrail");
            otel.attribute(builder, "gen_ai.security.target.type", "tool_call");
            otel.attribute(builder, "gen_ai.security.decision.type", decisionType(decision));
            otel.attribute(builder, "gen_ai.guardian.name", "Toolgate");
            otel.attribute(builder, "gen_ai.guardian.provider.name", "toolgate");
            otel.attribute(builder, "gen_ai.guardian.version", AgentVersion.current());
            otel.attribute(builder, "gen_ai.security.policy.id", policyId);
            otel.attribute(builder, "gen_ai.security.policy.version", policyVersion);
            otel.attribute(builder, "gen_ai.tool.name", tool.name());
            otel.attribute(builder, "gen_ai.agent.id", caller.agentId());
            otel.attribute(builder, "gen_ai.conversation.id", caller.sessionId());
            otel.attribute(builder, "toolgate.role", caller.role());
            otel.attribute(builder, "toolgate.rule", decision.rule());
            otel.attribute(builder, "toolgate.step", decision.step().wireName());
            otel.attribute(
                    builder,
                    "toolgate.risk",
                    decision.risk() == null ? null : decision.risk().wireName());
            otel.end(otel.startSpan(builder), end);
        } catch (Throwable failed) { // NOPMD: whatever the other agent throws stays out of the tool call
            unavailable = true;
            ToolgateBridge.countSuppressedError();
            System.err.println("[toolgate] WARNING: guardrail spans for the OpenTelemetry agent are off: " + failed);
        }
    }

    /** {@code audit}: monitor mode records what it would refuse and lets it run. */
    private String decisionType(Decision decision) {
        if (decision.allowed()) {
            return "allow";
        }
        return mode == Mode.MONITOR ? "audit" : "deny";
    }

    private OtelAgentApi resolve() throws Throwable {
        synchronized (lock) {
            if (api == null && !unavailable) {
                OtelAgentApi found = OtelAgentApi.find();
                if (found == null) {
                    unavailable = true;
                    System.err.println("[toolgate] WARNING: no OpenTelemetry Java agent API found on the bootstrap"
                            + " class path; guardrail spans are off");
                    return null;
                }
                tracer = found.tracer("dev.toolgate", AgentVersion.current());
                api = found;
            }
            return api;
        }
    }
}
