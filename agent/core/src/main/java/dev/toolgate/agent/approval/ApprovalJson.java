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
        json.writeStartObject();
        List<String> names = call.tool().parameterNames();
        Object[] arguments = call.arguments() == null ? new Object[0] : call.arguments();
        ValueRenderer renderer = new ValueRenderer();
        for (int i = 0; i < arguments.length; i++) {
            json.writeFieldName(i < names.size() ? names.get(i) : "arg" + i);
            json.writeRawValue(renderer.toJson(arguments[i]));
        }
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, ApprovalRequest request) throws IOException {
        ToolCall call = request.call();
        Caller caller = call.caller();
        json.writeStartObject();
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
        json.writeEndObject();
    }
}
