package dev.toolgate.agent.approval;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.audit.ValueRenderer;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.ToolCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an approval request, the same for the webhook body, the endpoint's listing and SPI channels:
 * {@code id, agent_id, role, session_id, tool, params, risk_level, reason, expires_at, arguments_sha256}.
 * Argument values are bounded the same way as in the audit log.
 */
final class ApprovalJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApprovalJson() {}

    /** Writes one JSON document. */
    interface Content {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] document(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            content.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Standing approvals, oldest first. */
    static byte[] grants(List<Grant> grants) {
        return document(json -> {
            json.writeStartArray();
            for (Grant grant : grants) {
                json.writeStartObject();
                json.writeStringField("id", grant.id());
                json.writeStringField("scope", grant.scope().wireName());
                json.writeStringField("role", String.valueOf(grant.role()));
                json.writeStringField("session_id", String.valueOf(grant.sessionId()));
                json.writeStringField("tool", grant.tool());
                json.writeStringField("arguments_sha256", grant.argumentsSha256());
                json.writeStringField("approver", grant.approver());
                json.writeStringField("approval_id", grant.approvalId());
                json.writeStringField("created_at", grant.createdAt().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static byte[] request(ApprovalRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(json, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] requests(List<ApprovalRequest> requests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartArray();
            for (ApprovalRequest request : requests) {
                write(json, request);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The request as plain maps, lists, strings and numbers, for channels that take Java values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(ApprovalRequest request) {
        try {
            return MAPPER.readValue(request(request), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Just the arguments, as one JSON object by parameter name. */
    static String params(ToolCall call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            writeParams(json, call);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeParams(JsonGenerator json, ToolCall call) throws IOException {
        writeParams(json, call.tool().parameterNames(), call.arguments());
    }

    /** Arguments by parameter name, bounded and with secrets redacted as in the audit log. */
    static void writeParams(JsonGenerator json, List<String> names, Object[] values) throws IOException {
        json.writeStartObject();
        Object[] arguments = values == null ? new Object[0] : values;
        ValueRenderer renderer = new ValueRenderer();
        for (int i = 0; i < arguments.length; i++) {
            json.writeFieldName(i < names.size() ? names.get(i) : "arg" + i);
            json.writeRawValue(renderer.toJson(arguments[i]));
        }
        json.writeEndObject();
    }

    static void write(JsonGenerator json, ApprovalRequest request) throws IOException {
        json.writeStartObject();
        writeFields(json, request);
        json.writeEndObject();
    }

    /** The request's fields, inside an object the caller opened. */
    static void writeFields(JsonGenerator json, ApprovalRequest request) throws IOException {
        ToolCall call = request.call();
        Caller caller = call.caller();
        json.writeStringField("id", request.id());
        json.writeStringField("agent_id", caller.agentId());
        json.writeStringField("role", caller.role());
        json.writeStringField("session_id", caller.sessionId());
        json.writeStringField("tool", call.tool().name());
        json.writeFieldName("params");
        writeParams(json, call);
        json.writeStringField("risk_level", request.risk().wireName());
        json.writeStringField("reason", request.reason());
        json.writeStringField("created_at", request.createdAt().toString());
        json.writeStringField("expires_at", request.expiresAt().toString());
        json.writeStringField("arguments_sha256", request.argumentsSha256());
        json.writeStringField("max_grant", request.maxGrant().wireName());
        json.writeStringField("rule", request.rule());
        json.writeStringField("findings", request.findings());
    }
}
