package dev.toolgate.agent.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link AuditEvent} as one line of JSON. Every field of the article's {@code AgentAuditEvent} is
 * always present (null where it does not apply), so readers need no schema knowledge to find them. Not
 * thread-safe: one per writer thread.
 */
final class JsonLinesEncoder {

    private final JsonFactory factory = JsonFactory.builder().build();
    private final ValueRenderer renderer = new ValueRenderer();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private final String policyFile;
    private final String policySha256;

    JsonLinesEncoder(String policyFile, String policySha256) {
        this.policyFile = policyFile;
        this.policySha256 = policySha256;
    }

    /** The event as UTF-8 JSON ending in a newline. The returned array is fresh. */
    byte[] encode(AuditEvent event, long seq) throws IOException {
        buffer.reset();
        try (JsonGenerator json = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.timestamp()));
            json.writeNumberField("seq", seq);
            json.writeStringField("event_type", event.type().wireName());
            json.writeStringField("agent_id", clean(event.caller().agentId()));
            json.writeStringField("session_id", clean(event.caller().sessionId()));
            json.writeStringField("role", clean(event.caller().role()));
            ToolDescriptor tool = event.tool();
            json.writeStringField("tool", tool == null ? null : tool.name());
            json.writeFieldName("params");
            writeParams(json, tool, event.arguments());
            json.writeFieldName("result");
            if (event.result() == AuditEvent.NO_RESULT) {
                json.writeNull();
            } else {
                renderer.write(json, event.result());
            }
            json.writeNumberField("tokens_used", event.tokensUsed());
            Decision decision = event.decision();
            json.writeStringField("risk_level", decision == null ? null : decision.risk().wireName());
            json.writeStringField("approval_status", decision == null ? null : decision.approvalStatus());
            json.writeStringField("decision", decision == null ? null : decision.outcome().wireName());
            json.writeStringField("reason", decision == null ? null : decision.reason());
            json.writeStringField("rule", decision == null ? null : decision.rule());
            if (decision != null && decision.approval() != null) {
                json.writeStringField("approver", decision.approver());
                json.writeStringField("approval_id", decision.approval().id());
            }
            json.writeStringField("mode", event.mode().wireName());
            if (event.durationNanos() >= 0) {
                json.writeNumberField("duration_us", event.durationNanos() / 1_000);
            }
            if (tool != null) {
                json.writeStringField("method", tool.declaringClass() + "#" + tool.method());
            }
            json.writeStringField("policy_file", policyFile);
            json.writeStringField("policy_sha256", policySha256);
            for (Map.Entry<String, Object> detail : event.details().entrySet()) {
                json.writeFieldName(detail.getKey());
                renderer.write(json, detail.getValue());
            }
            json.writeEndObject();
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    private void writeParams(JsonGenerator json, ToolDescriptor tool, Object[] arguments) throws IOException {
        if (tool == null || arguments == null) {
            json.writeNull();
            return;
        }
        List<String> names = tool.parameterNames();
        json.writeStartObject();
        for (int i = 0; i < arguments.length; i++) {
            json.writeFieldName(i < names.size() ? names.get(i) : "arg" + i);
            renderer.write(json, arguments[i]);
        }
        json.writeEndObject();
    }

    private static String clean(String text) {
        return text == null ? null : ValueRenderer.clean(text, ValueRenderer.MAX_STRING_CHARS);
    }
}
