package dev.toolgate.agent.audit.ship;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.ValueRenderer;
import dev.toolgate.agent.audit.WrittenBatch;
import dev.toolgate.agent.audit.WrittenEvent;
import java.io.IOException;
import java.nio.file.Path;

/**
 * CloudEvents 1.0 in structured mode (JSON event format): {@code specversion}, {@code id} (the event's hash: resent
 * copies keep it, so a consumer that drops repeated source + id drops exactly the duplicates), {@code source} (this
 * audit log), {@code type} ({@code dev.toolgate.audit.EVENT_TYPE}), {@code time}, {@code datacontenttype},
 * {@code subject} (the tool, when there is one), the extensions {@code toolgateseq} and {@code toolgatehash}, and
 * the audit event as written as {@code data}.
 */
final class CloudEventsView extends EventView {

    static final String TYPE_PREFIX = "dev.toolgate.audit.";

    private final String source;

    CloudEventsView(Path auditFile) {
        this.source = "urn:toolgate:" + SyslogFramer.localHostname() + ":" + auditFile;
    }

    @Override
    void write(JsonGenerator json, WrittenBatch batch, int index) throws IOException {
        WrittenEvent values = batch.values(index);
        AuditEvent event = batch.event(index);
        String hash = batch.hash(index);
        json.writeStringField("specversion", "1.0");
        json.writeStringField("id", hash);
        json.writeStringField("source", source);
        json.writeStringField("type", TYPE_PREFIX + values.type().wireName());
        json.writeStringField("time", TIMESTAMP.format(values.timestamp()));
        json.writeStringField("datacontenttype", "application/json");
        stringField(
                json,
                "subject",
                event.tool() == null
                        ? null
                        : ValueRenderer.exported(event.tool().name()));
        json.writeNumberField("toolgateseq", values.seq());
        json.writeStringField("toolgatehash", hash);
        json.writeFieldName("data");
        writeLine(json, batch, index);
    }
}
