package dev.toolgate.agent.telemetry.otlp;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditListener;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.WrittenBatch;
import dev.toolgate.agent.audit.WrittenEvent;
import dev.toolgate.agent.config.AgentVersion;
import dev.toolgate.agent.decision.Outcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends every audit event, whatever its type, to an OTLP receiver as a log record. The writer thread only offers
 * records to a bounded queue; one thread of its own sends them in batches. While the receiver is down, the batch
 * in hand is retried with backoff and the queue fills up to {@code otlp.queue}; beyond that events are dropped —
 * counted, and recorded in an {@code audit_gap} event (the audit file still has them all). Nothing here ever
 * waits for the receiver on a tool call's or the writer's thread.
 */
public final class AuditLogExport implements AuditListener {

    static final int BATCH = 512;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Duration GAP_REPORT_INTERVAL = Duration.ofSeconds(10);

    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("toolgate.event_type");
    private static final AttributeKey<Long> SEQ = AttributeKey.longKey("toolgate.seq");
    private static final AttributeKey<String> DECISION = AttributeKey.stringKey("toolgate.decision");
    private static final AttributeKey<String> ROLE = AttributeKey.stringKey("toolgate.role");
    private static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    private static final AttributeKey<String> AGENT = AttributeKey.stringKey("gen_ai.agent.id");
    private static final AttributeKey<String> SESSION = AttributeKey.stringKey("gen_ai.conversation.id");

    private final LogRecordExporter exporter;
    private final String receiver;
    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final ArrayBlockingQueue<LogRecordData> queue;
    private final Consumer<AuditEvent> audit;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong exported = new AtomicLong();
    private final Thread sender;
    private volatile boolean closing;
    private long droppedReported;
    private Instant lastGapReport = Instant.EPOCH;
    private String lastProblem;

    private AuditLogExport(Builder builder) {
        this.exporter = builder.exporter;
        this.receiver = builder.receiver;
        this.resource = builder.resource;
        this.queue = new ArrayBlockingQueue<>(builder.capacity);
        this.audit = builder.audit;
        this.timeout = builder.timeout;
        this.clock = builder.clock;
        this.scope = InstrumentationScopeInfo.builder("dev.toolgate.audit")
                .setVersion(AgentVersion.current())
                .build();
        this.sender = new Thread(this::run, "toolgate-otlp-logs");
        sender.setDaemon(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the sending thread; until then records only queue up. */
    public AuditLogExport start() {
        sender.start();
        return this;
    }

    @Override
    public void batchWritten(WrittenBatch batch) {
        long observed = epochNanos(clock.instant());
        for (int i = 0; i < batch.size(); i++) {
            if (!queue.offer(record(batch.event(i), batch.values(i), batch.line(i), observed))) {
                dropped.incrementAndGet();
            }
        }
    }

    private LogRecordData record(AuditEvent event, WrittenEvent values, String line, long observed) {
        AttributesBuilder attributes =
                Attributes.builder().put(EVENT_TYPE, values.type().wireName()).put(SEQ, values.seq());
        if (values.decision() != null) {
            attributes.put(DECISION, values.decision().wireName());
        }
        if (event != null && event.caller() != null) {
            putIfSet(attributes, ROLE, event.caller().role());
            putIfSet(attributes, AGENT, event.caller().agentId());
            putIfSet(attributes, SESSION, event.caller().sessionId());
        }
        if (event != null && event.tool() != null) {
            attributes.put(TOOL, event.tool().name());
        }
        return new AuditLogRecord(
                resource,
                scope,
                epochNanos(values.timestamp()),
                observed,
                severity(values),
                line,
                "toolgate." + values.type().wireName(),
                attributes.build());
    }

    private static void putIfSet(AttributesBuilder attributes, AttributeKey<String> key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    /** As syslog shipping grades them: a denial warns, an error is an error, the rest is information. */
    private static Severity severity(WrittenEvent values) {
        if (values.type() == EventType.ERROR) {
            return Severity.ERROR;
        }
        if (values.decision() == Outcome.DENY
                || values.type() == EventType.AUDIT_GAP
                || values.type() == EventType.ALERT_FAILED) {
            return Severity.WARN;
        }
        return Severity.INFO;
    }

    private void run() {
        List<LogRecordData> batch = new ArrayList<>(BATCH);
        long backoff = 100;
        while (!closing || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    LogRecordData first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        reportDrops();
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                if (send(batch)) {
                    exported.addAndGet(batch.size());
                    batch.clear();
                    backoff = 100;
                    recovered();
                } else if (closing) {
                    return;
                } else {
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                }
                reportDrops();
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            }
        }
    }

    private boolean send(List<LogRecordData> batch) {
        CompletableResultCode result;
        try {
            result = exporter.export(List.copyOf(batch));
        } catch (RuntimeException e) {
            problem(e.toString());
            return false;
        }
        result.join(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        if (result.isSuccess()) {
            return true;
        }
        Throwable failure = result.getFailureThrowable();
        problem(failure != null ? failure.toString() : result.isDone() ? "the receiver refused the logs" : "timeout");
        return false;
    }

    /** Drops since the last report become one {@code audit_gap} event, at most every ten seconds. */
    private void reportDrops() {
        long now = dropped.get();
        Instant time = clock.instant();
        if (now == droppedReported || time.isBefore(lastGapReport.plus(GAP_REPORT_INTERVAL))) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("otlp_dropped", now - droppedReported);
        details.put("collector", receiver);
        details.put(
                "note",
                "the OTLP receiver was unreachable longer than the export queue holds: these events were not sent"
                        + " as logs; the audit file has them");
        droppedReported = now;
        lastGapReport = time;
        audit.accept(AuditEvent.lifecycle(EventType.AUDIT_GAP, null, null, details));
    }

    private void problem(String problem) {
        if (!problem.equals(lastProblem)) {
            System.err.println("[toolgate] WARNING: OTLP log export to " + receiver + ": " + problem
                    + "; audit events wait (up to " + (queue.remainingCapacity() + queue.size())
                    + ") and are sent when the receiver is back");
            lastProblem = problem;
        }
    }

    private void recovered() {
        if (lastProblem != null) {
            System.err.println("[toolgate] OTLP log export to " + receiver + " works again");
            lastProblem = null;
        }
    }

    /** Audit events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Audit events the receiver accepted. */
    public long exported() {
        return exported.get();
    }

    @Override
    public void close(long timeoutMillis) {
        closing = true;
        try {
            sender.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        exporter.shutdown();
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    public static final class Builder {
        private LogRecordExporter exporter;
        private String receiver = "?";
        private Resource resource = Resource.empty();
        private int capacity = 8192;
        private Consumer<AuditEvent> audit = event -> {};
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Sends the records; its own retries should be off, this export retries. */
        public Builder exporter(LogRecordExporter logExporter, String receiverName) {
            this.exporter = logExporter;
            this.receiver = receiverName;
            return this;
        }

        public Builder resource(Resource otelResource) {
            this.resource = otelResource;
            return this;
        }

        /** How many events may wait for the receiver. */
        public Builder capacity(int events) {
            this.capacity = events;
            return this;
        }

        /** Where {@code audit_gap} events about dropped records go. */
        public Builder audit(Consumer<AuditEvent> log) {
            this.audit = log;
            return this;
        }

        public Builder timeout(Duration requestTimeout) {
            this.timeout = requestTimeout;
            return this;
        }

        public Builder clock(Clock time) {
            this.clock = time;
            return this;
        }

        public AuditLogExport build() {
            if (exporter == null) {
                throw new IllegalStateException("an AuditLogExport needs an exporter");
            }
            return new AuditLogExport(this);
        }
    }
}
