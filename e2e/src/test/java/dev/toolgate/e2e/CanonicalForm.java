package dev.toolgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An audit event's hash computed by the tests themselves, as docs/audit.md tells an auditor to: SHA-256 of the
 * event without {@code hash}, members sorted, no whitespace. Enough for the events the tests write (ASCII keys).
 */
final class CanonicalForm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalForm() {}

    /** The hash {@code event} should have: over everything but its {@code hash} member. */
    static String sha256(JsonNode event) throws Exception {
        JsonNode without = event.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) without).remove("hash");
        byte[] sum =
                MessageDigest.getInstance("SHA-256").digest(canonical(without).getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(sum);
    }

    static String canonical(JsonNode node) throws Exception {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                sorted.put(member.getKey(), member.getValue());
            }
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> member : sorted.entrySet()) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(JSON.writeValueAsString(member.getKey())).append(':').append(canonical(member.getValue()));
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            List<String> elements = new ArrayList<>();
            for (JsonNode element : node) {
                elements.add(canonical(element));
            }
            return "[" + String.join(",", elements) + "]";
        }
        return JSON.writeValueAsString(node);
    }
}
