package dev.toolgate.agent.telemetry;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.telemetry.metrics.GateMetrics;
import dev.toolgate.agent.telemetry.metrics.OtelMetrics;
import dev.toolgate.agent.telemetry.otlp.AuditLogExport;
import dev.toolgate.agent.telemetry.spans.GuardrailSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decision metrics (JMX, Prometheus, OTLP), audit events as OTLP logs, and guardrail spans for the OpenTelemetry
 * Java agent, as configured. Made only when something is on, so that an agent without telemetry loads none of
 * these classes; the OpenTelemetry SDK is loaded only for metrics and OTLP.
 */
public final class Telemetry implements AutoCloseable {

    /** The application's JUL configuration must not get the relocated SDK's export warnings: this agent reports. */
    private static final List<Logger> MUTED = new ArrayList<>();

    private final GateMetrics metrics;
    private final GuardrailSpans spans;
    private final SdkMeterProvider meters;
    private final int prometheusPort;

    private Telemetry(GateMetrics metrics, GuardrailSpans spans, SdkMeterProvider meters, int prometheusPort) {
        this.metrics = metrics;
        this.spans = spans;
        this.meters = meters;
        this.prometheusPort = prometheusPort;
    }

    /**
     * Starts what {@code settings} ask for and attaches it to {@code audit}.
     *
     * @param appendAudit where events about telemetry itself (dropped OTLP records) are recorded
     */
    public static Telemetry start(
            TelemetrySettings settings, AuditPipeline audit, Consumer<AuditEvent> appendAudit, Mode mode) {
        Resource resource = settings.exports() ? sdkResource() : null;
        GateMetrics metrics = null;
        SdkMeterProvider meters = null;
        PrometheusHttpServer prometheus = null;
        if (settings.metrics()) {
            metrics = new GateMetrics();
            metrics.registerMBean();
            audit.addListener(metrics.auditListener());
            SdkMeterProviderBuilder builder = SdkMeterProvider.builder()
                    .setResource(resource)
                    .registerMetricProducer(new OtelMetrics(metrics, Clock.systemUTC()));
            boolean readers = false;
            if (settings.prometheusPort() > 0) {
                prometheus = PrometheusHttpServer.builder()
                        .setHost(settings.prometheusHost())
                        .setPort(settings.prometheusPort())
                        .setOtelScopeLabelsEnabled(false)
                        .build();
                builder.registerMetricReader(prometheus);
                readers = true;
            }
            if (!settings.metricsInterval().isZero()) {
                builder.registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                                .setEndpoint(url(settings, "/v1/metrics"))
                                .setTimeout(settings.otlpTimeout())
                                .setRetryPolicy(null)
                                .build())
                        .setInterval(settings.metricsInterval())
                        .build());
                readers = true;
            }
            meters = readers ? builder.build() : null;
        }
        if (settings.otlpEndpoint() != null && cleartextOffHost(settings.otlpEndpoint())) {
            System.err.println("[toolgate] WARNING: otlp.endpoint " + settings.otlpEndpoint() + " is plain http to"
                    + " another host: audit events (arguments redacted of secrets, but otherwise whole) cross the"
                    + " network unencrypted; use https:// unless the network is trusted");
        }
        if (settings.otlpLogs()) {
            AuditLogExport logs = AuditLogExport.builder()
                    .exporter(
                            OtlpHttpLogRecordExporter.builder()
                                    .setEndpoint(url(settings, "/v1/logs"))
                                    .setTimeout(settings.otlpTimeout())
                                    .setRetryPolicy(null)
                                    .build(),
                            url(settings, "/v1/logs"))
                    .resource(resource)
                    .capacity(settings.otlpQueue())
                    .timeout(settings.otlpTimeout())
                    .audit(appendAudit)
                    .build()
                    .start();
            audit.addListener(logs);
            if (metrics != null) {
                metrics.otlpLogsDropped(logs::dropped);
            }
        }
        GuardrailSpans spans = settings.spans() && GuardrailSpans.otelAgentPresent()
                ? new GuardrailSpans(mode, Clock.systemUTC())
                : null;
        return new Telemetry(metrics, spans, meters, prometheus == null ? -1 : settings.prometheusPort());
    }

    /** What records the decisions of {@code policy}: its metrics and spans, or nothing. */
    public DecisionRecorder recorderFor(Policy policy) {
        DecisionRecorder counted = metrics == null ? null : metrics.recorderFor(policy);
        DecisionRecorder traced = spans == null ? null : spans.recorderFor(policy);
        if (counted == null) {
            return traced == null ? DecisionRecorder.NONE : traced;
        }
        if (traced == null) {
            return counted;
        }
        return (caller, tool, decision, startNanos, endNanos) -> {
            counted.decided(caller, tool, decision, startNanos, endNanos);
            traced.decided(caller, tool, decision, startNanos, endNanos);
        };
    }

    /** The port the Prometheus endpoint listens on, or -1. */
    public int prometheusPort() {
        return prometheusPort;
    }

    /** What is on, for the start-up line. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (metrics != null) {
            parts.add("metrics (JMX" + (prometheusPort > 0 ? ", Prometheus on port " + prometheusPort() : "") + ")");
        }
        if (spans != null) {
            parts.add("guardrail spans");
        }
        return parts.isEmpty() ? "telemetry: OTLP logs" : "telemetry: " + String.join(", ", parts);
    }

    @Override
    public void close() {
        if (meters != null) {
            meters.shutdown().join(2, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (metrics != null) {
            metrics.unregisterMBean();
        }
    }

    private static boolean cleartextOffHost(java.net.URI endpoint) {
        if (!"http".equalsIgnoreCase(endpoint.getScheme())) {
            return false;
        }
        String host = endpoint.getHost();
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    private static String url(TelemetrySettings settings, String path) {
        String base = settings.otlpEndpoint().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static Resource sdkResource() {
        muteSdkLogging();
        return Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName())));
    }

    private static String serviceName() {
        String configured = System.getenv("OTEL_SERVICE_NAME");
        return configured == null || configured.isBlank() ? "toolgate" : configured;
    }

    private static synchronized void muteSdkLogging() {
        if (MUTED.isEmpty()) {
            // The relocated package of the SDK: io.opentelemetry in tests, dev.toolgate.shaded.otel in the jar.
            String sdk = Resource.class.getPackageName();
            Logger logger = Logger.getLogger(sdk.substring(0, sdk.indexOf(".sdk.")));
            logger.setLevel(Level.OFF);
            MUTED.add(logger);
        }
    }
}
