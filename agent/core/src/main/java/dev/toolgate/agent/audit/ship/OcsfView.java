package dev.toolgate.agent.audit.ship;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.ValueRenderer;
import dev.toolgate.agent.audit.WrittenBatch;
import dev.toolgate.agent.audit.WrittenEvent;
import dev.toolgate.agent.config.AgentVersion;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An OCSF event of the AI Agent Activity class (category Application Activity, class_uid 6009), with the
 * security-control profile's {@code action_id} and {@code disposition_id} for decisions; the audit event as
 * written is {@code unmapped.toolgate}. docs/siem.md has the mapping table.
 */
final class OcsfView extends EventView {

    /** The schema the class was read from: the AI Agent Activity class is newer than the 1.9.0 release. */
    static final String SCHEMA_VERSION = "1.10.0-dev";

    static final int CATEGORY_UID = 6;
    static final int CLASS_UID = 6009;
    static final int PERMISSION_REQUEST = 6;
    static final int TOOL_USE = 7;
    static final int OTHER = 99;

    private final String logName;
    private final String productVersion = AgentVersion.current();

    OcsfView(Path auditFile) {
        this.logName = auditFile.toString();
    }

    @Override
    void write(JsonGenerator json, WrittenBatch batch, int index) throws IOException {
        WrittenEvent values = batch.values(index);
        AuditEvent event = batch.event(index);
        Decision decision = event.decision();
        int activity = activity(values.type());
        String activityName =
                activity == TOOL_USE ? "Tool Use" : activity == PERMISSION_REQUEST ? "Permission Request" : "Other";
        json.writeNumberField("category_uid", CATEGORY_UID);
        json.writeStringField("category_name", "Application Activity");
        json.writeNumberField("class_uid", CLASS_UID);
        json.writeStringField("class_name", "AI Agent Activity");
        json.writeNumberField("activity_id", activity);
        json.writeStringField("activity_name", activityName);
        json.writeNumberField("type_uid", CLASS_UID * 100L + activity);
        json.writeStringField("type_name", "AI Agent Activity: " + activityName);
        json.writeNumberField("time", values.timestamp().toEpochMilli());
        int severity = severity(values.type(), values.decision());
        json.writeNumberField("severity_id", severity);
        json.writeStringField(
                "severity",
                severity == 1 ? "Informational" : severity == 2 ? "Low" : severity == 3 ? "Medium" : "High");
        boolean failed = values.decision() == Outcome.DENY
                || values.type() == EventType.ERROR
                || values.type() == EventType.AUDIT_GAP
                || values.type() == EventType.ALERT_FAILED
                || values.type() == EventType.POLICY_RELOAD_FAILED
                || values.type() == EventType.BUDGET_EXCEEDED;
        json.writeNumberField("status_id", failed ? 2 : 1);
        json.writeStringField("status", failed ? "Failure" : "Success");
        stringField(json, "message", message(event, values));
        if (decision != null) {
            writeSecurityControl(json, decision, event.mode());
        }
        if (event.durationNanos() >= 0) {
            json.writeNumberField("duration", event.durationNanos() / 1_000_000);
        }
        writeActor(json, event.caller());
        if (activity == TOOL_USE && event.tool() != null) {
            json.writeObjectFieldStart("ai_agent_tool_use_info");
            json.writeStringField("name", ValueRenderer.exported(event.tool().name()));
            json.writeBooleanField("is_pre_occurrence", values.type() == EventType.DECISION);
            json.writeEndObject();
        }
        json.writeObjectFieldStart("metadata");
        json.writeStringField("version", SCHEMA_VERSION);
        json.writeObjectFieldStart("product");
        json.writeStringField("name", "Toolgate");
        json.writeStringField("vendor_name", "Toolgate");
        json.writeStringField("version", productVersion);
        json.writeEndObject();
        json.writeArrayFieldStart("profiles");
        json.writeString("security_control");
        json.writeEndArray();
        json.writeStringField("uid", batch.hash(index));
        json.writeNumberField("sequence", values.seq());
        json.writeStringField("event_code", values.type().wireName());
        json.writeStringField("original_time", TIMESTAMP.format(values.timestamp()));
        json.writeStringField("log_name", logName);
        json.writeEndObject();
        json.writeObjectFieldStart("unmapped");
        json.writeFieldName("toolgate");
        writeLine(json, batch, index);
        json.writeEndObject();
    }

    static int activity(EventType type) {
        return switch (type) {
            case DECISION, TOOL_RESULT, ERROR -> TOOL_USE;
            case APPROVAL_REQUESTED -> PERMISSION_REQUEST;
            default -> OTHER;
        };
    }

    private static int severity(EventType type, Outcome decision) {
        return switch (type) {
            case AUDIT_GAP, AUDIT_RECOVERY, ALERT_FAILED, POLICY_RELOAD_FAILED -> 4;
            case BUDGET_EXCEEDED -> 3;
            case ERROR -> 2;
            default -> decision == Outcome.DENY ? 3 : 1;
        };
    }

    /**
     * What was done with the call ({@code action}) and what became of it ({@code disposition}). In monitor mode
     * a denial is recorded but the call runs: allowed, with the disposition saying it would have been blocked.
     */
    private static void writeSecurityControl(JsonGenerator json, Decision decision, Mode mode) throws IOException {
        boolean denied = decision.outcome() == Outcome.DENY;
        boolean enforced = denied && mode != Mode.MONITOR;
        json.writeNumberField("action_id", enforced ? 2 : 1);
        json.writeStringField("action", enforced ? "Denied" : "Allowed");
        json.writeNumberField("disposition_id", enforced ? 2 : denied ? 99 : 1);
        json.writeStringField(
                "disposition", enforced ? "Blocked" : denied ? "Would be blocked (monitor mode)" : "Allowed");
        if (decision.rule() != null) {
            json.writeObjectFieldStart("policy");
            json.writeStringField("name", ValueRenderer.exported(decision.rule()));
            json.writeEndObject();
        }
    }

    private static void writeActor(JsonGenerator json, Caller caller) throws IOException {
        if (caller == null) {
            return;
        }
        json.writeObjectFieldStart("actor");
        if (caller.agentId() != null) {
            json.writeObjectFieldStart("ai_agent");
            json.writeStringField("uid", ValueRenderer.exported(caller.agentId()));
            json.writeStringField("name", ValueRenderer.exported(caller.agentId()));
            stringField(json, "instance_uid", ValueRenderer.exported(caller.sessionId()));
            json.writeEndObject();
        }
        if (caller.sessionId() != null) {
            json.writeObjectFieldStart("session");
            json.writeStringField("uid", ValueRenderer.exported(caller.sessionId()));
            json.writeEndObject();
        }
        if (caller.role() != null) {
            json.writeObjectFieldStart("user");
            json.writeStringField("name", ValueRenderer.exported(caller.role()));
            json.writeStringField("type", "Other");
            json.writeNumberField("type_id", 99);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static String message(AuditEvent event, WrittenEvent values) {
        Decision decision = event.decision();
        if (decision == null) {
            return values.type().wireName();
        }
        String tool = event.tool() == null ? "?" : event.tool().name();
        return ValueRenderer.exported(
                values.type().wireName() + ": " + decision.outcome().wireName() + " "
                        + decision.risk().wireName() + " tool '" + tool + "'"
                        + (decision.reason() == null ? "" : ": " + decision.reason()));
    }
}
