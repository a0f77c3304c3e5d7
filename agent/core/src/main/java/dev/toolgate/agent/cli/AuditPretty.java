package dev.toolgate.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.AuditLines;
import java.util.List;

/** How {@code audit tail} shows an event: one line, when, seq, what, who and why. */
final class AuditPretty {

    private static final int MAX_VALUE_CHARS = 160;

    private AuditPretty() {}

    /** One line per event: when, seq, what, who, and why. */
    static String pretty(JsonNode event) {
        StringBuilder line = new StringBuilder();
        line.append(value(event, "timestamp"))
                .append("  #")
                .append(value(event, "seq"))
                .append("  ")
                .append(pad(value(event, "event_type"), 11));
        String decision = AuditLines.text(event, "decision");
        if (AuditLines.text(event, "tool") != null) {
            line.append("  ")
                    .append(pad(decision == null ? "-" : decision.toUpperCase(java.util.Locale.ROOT), 5))
                    .append("  ")
                    .append(pad(value(event, "risk_level"), 8))
                    .append("  ")
                    .append(value(event, "tool"))
                    .append("  role=")
                    .append(value(event, "role"))
                    .append(" agent=")
                    .append(value(event, "agent_id"))
                    .append(" session=")
                    .append(value(event, "session_id"));
            if ("decision".equals(AuditLines.text(event, "event_type"))) {
                line.append("  rule=")
                        .append(value(event, "rule"))
                        .append("  reason=")
                        .append(shorten(value(event, "reason")));
                if (!event.path("params").isNull()) {
                    line.append("  params=").append(shorten(event.path("params").toString()));
                }
            } else {
                line.append("  ")
                        .append(event.path("duration_us").asLong() / 1000.0)
                        .append(" ms  result=")
                        .append(shorten(
                                event.path("result").isTextual()
                                        ? event.path("result").asText()
                                        : event.path("result").toString()));
            }
        } else {
            event.fields().forEachRemaining(field -> {
                if (!List.of(
                                        "timestamp",
                                        "seq",
                                        "event_type",
                                        "hash",
                                        "prev_hash",
                                        "policy_file",
                                        "policy_sha256",
                                        "params",
                                        "result",
                                        "tokens_used",
                                        "tool",
                                        "risk_level",
                                        "approval_status",
                                        "decision",
                                        "reason",
                                        "rule")
                                .contains(field.getKey())
                        && !field.getValue().isNull()) {
                    line.append("  ")
                            .append(field.getKey())
                            .append('=')
                            .append(shorten(
                                    field.getValue().isTextual()
                                            ? field.getValue().asText()
                                            : field.getValue().toString()));
                }
            });
        }
        return line.toString();
    }

    private static String value(JsonNode event, String field) {
        String text = AuditLines.text(event, field);
        return text == null ? "-" : text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String shorten(String text) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= MAX_VALUE_CHARS ? oneLine : oneLine.substring(0, MAX_VALUE_CHARS) + "…";
    }
}
