package dev.toolgate.agent.config;

import java.util.Set;

/**
 * The names of the settings that capabilities read through the configuration beside the core ones of
 * {@link ConfigReader}: audit writing and shipping, and alerts. They live here, with the reader, so that the reader
 * can refuse a name no capability reads without knowing the capabilities.
 */
public final class SettingNames {

    public static final String AUDIT_FSYNC = "audit.fsync";
    public static final String AUDIT_FSYNC_INTERVAL = "audit.fsync.interval";
    public static final String AUDIT_QUEUE_CAPACITY = "audit.queue.capacity";
    public static final String AUDIT_WAIT = "audit.wait";
    public static final String AUDIT_ROTATE_SIZE = "audit.rotate.size";
    public static final String AUDIT_ROTATE_AGE = "audit.rotate.age";
    public static final String AUDIT_JMX = "audit.jmx";

    public static final String AUDIT_CHECKPOINT_KEY = "audit.checkpoint.key";
    public static final String AUDIT_CHECKPOINT_EVENTS = "audit.checkpoint.events";
    public static final String AUDIT_CHECKPOINT_INTERVAL = "audit.checkpoint.interval";

    public static final String SHIP_URL = "audit.ship.url";
    public static final String SHIP_SPOOL_DIR = "audit.ship.spool.dir";
    public static final String SHIP_SPOOL_MAX = "audit.ship.spool.max";
    public static final String SHIP_RESEND = "audit.ship.resend";
    public static final String SHIP_BACKOFF_MAX = "audit.ship.backoff.max";
    public static final String SHIP_TRUSTSTORE = "audit.ship.truststore";
    public static final String SHIP_TRUSTSTORE_PASSWORD = "audit.ship.truststore.password";

    public static final String ALERT_WEBHOOK_URL = "alert.webhook.url";
    public static final String ALERT_RISKS = "alert.risk";
    public static final String ALERT_TIMEOUT = "alert.timeout";
    public static final String ALERT_WEBHOOK_SECRET = "alert.webhook.secret";
    public static final String ALERT_WEBHOOK_ALLOW_HTTP = "alert.webhook.allow.http";

    public static final String POLICY_RELOAD = "policy.reload";
    public static final String POLICY_RELOAD_DEBOUNCE = "policy.reload.debounce";
    public static final String POLICY_RELOAD_POLL = "policy.reload.poll";
    public static final String POLICY_RELOAD_JMX = "policy.reload.jmx";

    public static final String METRICS_ENABLED = "metrics.enabled";
    public static final String METRICS_PROMETHEUS_PORT = "metrics.prometheus.port";
    public static final String METRICS_PROMETHEUS_HOST = "metrics.prometheus.host";
    public static final String OTLP_ENDPOINT = "otlp.endpoint";
    public static final String OTLP_LOGS = "otlp.logs";
    public static final String OTLP_METRICS_INTERVAL = "otlp.metrics.interval";
    public static final String OTLP_TIMEOUT = "otlp.timeout";
    public static final String OTLP_QUEUE = "otlp.queue";
    public static final String OTEL_SPANS = "otel.spans";

    /** Every name above. */
    static final Set<String> ALL = Set.of(
            POLICY_RELOAD,
            POLICY_RELOAD_DEBOUNCE,
            POLICY_RELOAD_POLL,
            POLICY_RELOAD_JMX,
            AUDIT_FSYNC,
            AUDIT_FSYNC_INTERVAL,
            AUDIT_QUEUE_CAPACITY,
            AUDIT_WAIT,
            AUDIT_ROTATE_SIZE,
            AUDIT_ROTATE_AGE,
            AUDIT_JMX,
            AUDIT_CHECKPOINT_KEY,
            AUDIT_CHECKPOINT_EVENTS,
            AUDIT_CHECKPOINT_INTERVAL,
            SHIP_URL,
            SHIP_SPOOL_DIR,
            SHIP_SPOOL_MAX,
            SHIP_RESEND,
            SHIP_BACKOFF_MAX,
            SHIP_TRUSTSTORE,
            SHIP_TRUSTSTORE_PASSWORD,
            ALERT_WEBHOOK_URL,
            ALERT_RISKS,
            ALERT_TIMEOUT,
            ALERT_WEBHOOK_SECRET,
            ALERT_WEBHOOK_ALLOW_HTTP,
            METRICS_ENABLED,
            METRICS_PROMETHEUS_PORT,
            METRICS_PROMETHEUS_HOST,
            OTLP_ENDPOINT,
            OTLP_LOGS,
            OTLP_METRICS_INTERVAL,
            OTLP_TIMEOUT,
            OTLP_QUEUE,
            OTEL_SPANS);

    private SettingNames() {}
}
