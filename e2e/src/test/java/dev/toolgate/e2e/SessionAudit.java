package dev.toolgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The decision and result lines of one session in a run's audit file. */
public final class SessionAudit {

    private final String session;
    private final List<AuditLine> lines;

    public SessionAudit(JvmRun run, String session) {
        this.session = session;
        this.lines = run.audit(line -> session.equals(line.text("session_id"))
                && ("decision".equals(line.eventType()) || "tool_result".equals(line.eventType())));
    }

    public List<AuditLine> decisions() {
        return of("decision");
    }

    public List<AuditLine> decisions(String tool) {
        return decisions().stream().filter(line -> tool.equals(line.tool())).toList();
    }

    public List<AuditLine> results() {
        return of("tool_result");
    }

    public List<AuditLine> results(String tool) {
        return results().stream().filter(line -> tool.equals(line.tool())).toList();
    }

    /** The one decision about {@code tool} whose {@code params.name} is {@code value}. */
    public AuditLine decision(String tool, String param, String value) {
        List<AuditLine> found = decisions(tool).stream()
                .filter(line -> value.equals(params(line).path(param).asText(null)))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " decisions about " + tool + " with " + param + "=" + value
                    + " in session " + session + "\n" + this);
        }
        return found.get(0);
    }

    public static JsonNode params(AuditLine line) {
        return line.json().path("params");
    }

    /** From the first to the last line of the session. */
    public Duration span() {
        if (lines.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.between(
                Instant.parse(lines.get(0).text("timestamp")),
                Instant.parse(lines.get(lines.size() - 1).text("timestamp")));
    }

    private List<AuditLine> of(String type) {
        return lines.stream().filter(line -> type.equals(line.eventType())).toList();
    }

    @Override
    public String toString() {
        return "--- audit of session " + session + "\n"
                + lines.stream()
                        .map(AuditLine::toString)
                        .map(line -> line.length() > 1500 ? line.substring(0, 1500) + "…" : line)
                        .collect(Collectors.joining("\n"));
    }
}
