package dev.toolgate.agent.telemetry.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/**
 * One audit event as an OTLP log record: the body is the line exactly as the audit file has it (canonical JSON
 * with its {@code seq} and {@code hash}, so a collector can check the chain), the attributes are the values it
 * was written with.
 */
@SuppressWarnings("deprecation") // Body is what LogRecordData still requires; getBodyValue is derived from it
record AuditLogRecord(
        Resource resource,
        InstrumentationScopeInfo scope,
        long timestampNanos,
        long observedNanos,
        Severity severity,
        String line,
        String eventName,
        Attributes attributes)
        implements LogRecordData {

    @Override
    public Resource getResource() {
        return resource;
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return scope;
    }

    @Override
    public long getTimestampEpochNanos() {
        return timestampNanos;
    }

    @Override
    public long getObservedTimestampEpochNanos() {
        return observedNanos;
    }

    @Override
    public SpanContext getSpanContext() {
        return SpanContext.getInvalid();
    }

    @Override
    public Severity getSeverity() {
        return severity;
    }

    @Override
    public String getSeverityText() {
        return severity.name();
    }

    @Override
    public Body getBody() {
        return Body.string(line);
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
        return attributes.size();
    }

    @Override
    public String getEventName() {
        return eventName;
    }
}
