package dev.toolgate.agent.audit.ship;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toolgate.agent.audit.WrittenBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * A SIEM's view of an audit event, made on the writer thread from the values the event was captured and written
 * with (never by reading the line back), with the line itself embedded whole: its {@code seq}, {@code prev_hash} and
 * {@code hash} ride along, and the collector can check the chain from the embedded events exactly as from the file.
 * One per shipper; not thread-safe.
 */
abstract class EventView {

    /** The line's own timestamp format: ISO-8601, UTC, microseconds. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private static final JsonFactory JSON = new JsonFactory();

    /** The bytes of the last view rendered: valid until the next. */
    static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private final Buffer buffer = new Buffer();

    /** The view for {@code format}; null for the audit line itself. */
    static EventView of(ShipSettings settings) {
        return switch (settings.event()) {
            case NATIVE -> null;
            case OCSF -> new OcsfView(settings.auditFile());
            case CLOUDEVENTS -> new CloudEventsView(settings.auditFile());
        };
    }

    /** Renders event {@code index} of the batch as one JSON object (no newline) into {@link #buffer()}. */
    final Buffer render(WrittenBatch batch, int index) {
        buffer.reset();
        try (JsonGenerator json = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
            json.writeStartObject();
            write(json, batch, index);
            json.writeEndObject();
        } catch (IOException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
        return buffer;
    }

    /** The members of the view. */
    abstract void write(JsonGenerator json, WrittenBatch batch, int index) throws IOException;

    /** The audit line, embedded as a JSON value exactly as written. */
    static void writeLine(JsonGenerator json, WrittenBatch batch, int index) throws IOException {
        json.writeRawValue(
                new String(batch.bytes(), batch.lineStart(index), batch.lineLength(index), StandardCharsets.UTF_8));
    }

    static void stringField(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
