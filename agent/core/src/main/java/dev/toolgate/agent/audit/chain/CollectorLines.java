package dev.toolgate.agent.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * The audit event a collector's line carries: the line itself (JSON Lines), the JSON after a prefix such as the
 * structured data rsyslog writes ({@code [toolgate@32473 seq="N"] {…}}), a webhook body's {@code event}, a
 * CloudEvents envelope's {@code data} or an OCSF event's {@code unmapped.toolgate}.
 */
public final class CollectorLines {

    private CollectorLines() {}

    /** The event, or null when the line holds none. */
    public static JsonNode event(String line) {
        int brace = line.indexOf('{');
        if (brace < 0) {
            return null;
        }
        byte[] json = line.substring(brace).trim().getBytes(StandardCharsets.UTF_8);
        JsonNode node = AuditLines.parse(json, 0, json.length);
        if (node == null) {
            return null;
        }
        if (node.has("event_type")) {
            return node;
        }
        JsonNode inner = node.has("specversion")
                ? node.get("data")
                : node.has("unmapped") ? node.get("unmapped").get("toolgate") : node.get("event");
        return inner != null && inner.isObject() && inner.has("event_type") ? inner : null;
    }
}
