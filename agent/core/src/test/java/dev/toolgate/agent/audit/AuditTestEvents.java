package dev.toolgate.agent.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Events and file reading shared by the audit tests. */
final class AuditTestEvents {

    static final ToolDescriptor READ_TOOL = new ToolDescriptor(
            0, "sql_read", "demo.Tools", "sqlRead", List.of("query"), RiskLevel.READ, ToolSource.AGENT_TOOL);
    static final ToolDescriptor DELETE_TOOL = new ToolDescriptor(
            1, "sql_drop", "demo.Tools", "sqlDrop", List.of("table"), RiskLevel.DELETE, ToolSource.AGENT_TOOL);
    static final Caller CALLER = new Caller("agent-1", "data_agent", "session-1");
    static final ObjectMapper JSON = new ObjectMapper();

    private AuditTestEvents() {}

    static AuditEvent read(Object argument) {
        return AuditEvent.decision(
                CALLER,
                READ_TOOL,
                new Object[] {argument},
                Decision.allow(RiskLevel.READ, "ok", "roles.data_agent.allowed_tools"),
                Mode.ENFORCE);
    }

    static AuditEvent delete(Object argument) {
        return AuditEvent.decision(
                CALLER,
                DELETE_TOOL,
                new Object[] {argument},
                Decision.allow(RiskLevel.DELETE, "ok", "roles.data_agent.allowed_tools"),
                Mode.ENFORCE);
    }

    static AuditSettings settings(Path file) {
        return AuditSettings.defaults(file).withoutJmx();
    }

    static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                events.add(JSON.readTree(line));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> ofType(Path file, String type) {
        return lines(file).stream()
                .filter(event -> type.equals(event.path("event_type").asText()))
                .toList();
    }
}
