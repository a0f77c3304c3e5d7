package dev.toolgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** One parsed line of an audit file. */
public record AuditLine(JsonNode json) {

    public String text(String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public String eventType() {
        return text("event_type");
    }

    public String tool() {
        return text("tool");
    }

    public String decision() {
        return text("decision");
    }

    public boolean has(String field) {
        return json.has(field);
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
