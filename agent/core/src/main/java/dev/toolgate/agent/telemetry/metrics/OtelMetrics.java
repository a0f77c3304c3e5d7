package dev.toolgate.agent.telemetry.metrics;

import dev.toolgate.agent.config.AgentVersion;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The metrics as OpenTelemetry metric data, read from the counters when a reader collects (the Prometheus
 * endpoint on a scrape, the OTLP exporter on its interval): the calling thread only ever adds to counters, and no
 * OpenTelemetry instrument sits on its path. Cumulative, starting when the agent started.
 */
public final class OtelMetrics implements MetricProducer {

    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    private static final AttributeKey<String> ROLE = AttributeKey.stringKey("role");
    private static final AttributeKey<String> TOOL = AttributeKey.stringKey("tool");
    private static final AttributeKey<String> RISK = AttributeKey.stringKey("risk");
    private static final AttributeKey<String> STEP = AttributeKey.stringKey("step");
    private static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");
    private static final AttributeKey<String> PHASE = AttributeKey.stringKey("phase");

    private static final List<Double> BOUNDS_SECONDS = boundsSeconds();

    private final GateMetrics metrics;
    private final InstrumentationScopeInfo scope;
    private final Clock clock;
    private final long startNanos;

    public OtelMetrics(GateMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.scope = InstrumentationScopeInfo.builder("dev.toolgate")
                .setVersion(AgentVersion.current())
                .build();
        this.startNanos = epochNanos(clock.instant());
    }

    @Override
    public Collection<MetricData> produce(Resource resource) {
        long now = epochNanos(clock.instant());
        List<MetricData> data = new ArrayList<>();
        List<LongPointData> decisions = new ArrayList<>();
        for (GateMetrics.Count count : metrics.counts()) {
            decisions.add(point(
                    now,
                    Attributes.of(
                            OUTCOME,
                            count.outcome(),
                            ROLE,
                            count.role(),
                            TOOL,
                            count.tool(),
                            RISK,
                            count.risk(),
                            STEP,
                            count.step()),
                    count.value()));
        }
        data.add(sum(resource, "toolgate.decisions", "Tool calls decided by the gate", "{decision}", decisions));
        data.add(latency(resource, now));
        AuditCounters audited = metrics.audited();
        List<LongPointData> approvals = new ArrayList<>();
        for (Map.Entry<String, Long> entry : audited.approvals().entrySet()) {
            approvals.add(point(now, Attributes.of(RESULT, entry.getKey()), entry.getValue()));
        }
        data.add(sum(
                resource, "toolgate.approvals", "Approval requests by what became of them", "{request}", approvals));
        data.add(ImmutableMetricData.createLongGauge(
                resource,
                scope,
                "toolgate.approvals.pending",
                "Approval requests waiting for an answer",
                "{request}",
                ImmutableGaugeData.create(List.of(point(now, Attributes.empty(), audited.pending())))));
        List<LongPointData> budget = new ArrayList<>();
        for (Map.Entry<String, Long> entry : audited.budgetRefusals().entrySet()) {
            String[] parts = entry.getKey().split("\u0000", 2);
            budget.add(point(now, Attributes.of(ROLE, parts[0], PHASE, parts[1]), entry.getValue()));
        }
        data.add(sum(resource, "toolgate.budget.refusals", "Calls a budget refused or cut off", "{call}", budget));
        data.add(sum(
                resource,
                "toolgate.policy.reloads",
                "Policy reloads",
                "{reload}",
                List.of(
                        point(now, Attributes.of(RESULT, "ok"), audited.reloads()),
                        point(now, Attributes.of(RESULT, "failed"), audited.reloadFailures()))));
        data.add(sum(
                resource,
                "toolgate.otlp.logs.dropped",
                "Audit events the OTLP log export dropped",
                "{event}",
                List.of(point(now, Attributes.empty(), metrics.getOtlpLogsDropped()))));
        return data;
    }

    private MetricData latency(Resource resource, long now) {
        long[] counts = metrics.latencyCounts();
        List<Long> bucketCounts = new ArrayList<>(counts.length);
        long total = 0;
        for (long count : counts) {
            bucketCounts.add(count);
            total += count;
        }
        HistogramPointData point = ImmutableHistogramPointData.create(
                startNanos,
                now,
                Attributes.empty(),
                total == 0 ? 0 : metrics.getGateLatencySumSeconds(),
                false,
                0,
                false,
                0,
                BOUNDS_SECONDS,
                bucketCounts);
        return ImmutableMetricData.createDoubleHistogram(
                resource,
                scope,
                "toolgate.gate.duration",
                "How long the gate took to decide a call, approval waits included",
                "s",
                ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, List.of(point)));
    }

    private MetricData sum(
            Resource resource, String name, String description, String unit, List<LongPointData> points) {
        return ImmutableMetricData.createLongSum(
                resource,
                scope,
                name,
                description,
                unit,
                ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points));
    }

    private LongPointData point(long now, Attributes attributes, long value) {
        return ImmutableLongPointData.create(startNanos, now, attributes, value);
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static List<Double> boundsSeconds() {
        List<Double> bounds = new ArrayList<>();
        for (long nanos : LatencyHistogram.BOUNDS_NANOS) {
            bounds.add(nanos / 1e9);
        }
        return List.copyOf(bounds);
    }
}
