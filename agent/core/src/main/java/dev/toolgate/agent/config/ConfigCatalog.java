package dev.toolgate.agent.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting with its type, default and meaning: what the {@code config} report prints and
 * docs/configuration.md lists. Secrets are marked so that no report ever prints them.
 */
public final class ConfigCatalog {

    /** One setting. {@code defaultValue} is as the report prints it; "(none)" when unset means off or absent. */
    public record Entry(String key, String type, String defaultValue, boolean secret, String meaning) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(ConfigReader.ENABLED, "boolean", "true", false, "false: kill switch, the agent installs nothing");
        add(ConfigReader.CONFIG_FILE, "path", "(none)", false, "properties file asked after the environment");
        add(ConfigReader.POLICY, "path", "(none)", false, "policy file or directory; none: every call refused");
        add(ConfigReader.ROLE, "text", "(none)", false, "role of calls outside any scope");
        add(ConfigReader.MODE, "enforce|monitor", "enforce", false, "monitor: record, refuse nothing");
        add(ConfigReader.AUDIT_FILE, "path", ConfigReader.DEFAULT_AUDIT_FILE, false, "audit log");
        add(ConfigReader.AGENT_ID, "text", ConfigReader.DEFAULT_AGENT_ID, false, "agent_id outside any scope");
        add(SettingNames.POLICY_RELOAD, "boolean", "true", false, "watch the policy and reload it on change");
        add(SettingNames.POLICY_RELOAD_DEBOUNCE, "duration", "250ms", false, "quiet time before a change loads");
        add(SettingNames.POLICY_RELOAD_POLL, "duration", "2s", false, "content check without file events; 0: off");
        add(SettingNames.POLICY_RELOAD_JMX, "boolean", "true", false, "MBean dev.toolgate:type=Policy");
        add(ConfigReader.APPROVAL_CHANNEL, "name", "(policy, else deny)", false, "deny|console|webhook|endpoint|SPI");
        add(ConfigReader.APPROVAL_TIMEOUT, "duration", "(policy, else 60s)", false, "how long a call waits");
        add(ConfigReader.APPROVAL_WEBHOOK_URL, "URL", "(policy)", false, "where webhook requests are posted");
        add(ConfigReader.APPROVAL_WEBHOOK_SECRET, "secret", "(none)", true, "HMAC key of webhook requests");
        add(ConfigReader.APPROVAL_WEBHOOK_SIGNATURE, "standard|legacy|both", "standard", false, "webhook signing");
        add(ConfigReader.APPROVAL_WEBHOOK_ALLOW_HTTP, "boolean", "(policy, else false)", false, "http:// off-host");
        add(ConfigReader.APPROVAL_ENDPOINT_PORT, "port", "(policy, else 0)", false, "loopback port; 0: any");
        add(ConfigReader.APPROVAL_ENDPOINT_TOKEN, "secret", "(generated)", true, "bearer token of the endpoint");
        add(
                ConfigReader.APPROVAL_ENDPOINT_TOKEN_FILE,
                "path",
                "toolgate-approval.token beside the audit file",
                false,
                "where a generated token is written");
        add(
                ConfigReader.APPROVAL_ENDPOINT_PENDING_MAX,
                "integer",
                "1000",
                false,
                "waiting requests; more: oldest refused");
        add(ConfigReader.APPROVAL_ENDPOINT_SESSION_TIMEOUT, "duration", "1h", false, "lifetime of a console sign-in");
        add(SettingNames.AUDIT_FSYNC, "every-event|interval|os", "interval", false, "when the audit file is synced");
        add(SettingNames.AUDIT_FSYNC_INTERVAL, "duration", "10ms", false, "sync interval");
        add(SettingNames.AUDIT_QUEUE_CAPACITY, "integer", "65536", false, "events queued for the writer");
        add(SettingNames.AUDIT_WAIT, "duration", "5s", false, "how long a call waits for a full queue");
        add(SettingNames.AUDIT_ROTATE_SIZE, "size", "100MB", false, "rotate the audit file at this size");
        add(SettingNames.AUDIT_ROTATE_AGE, "duration", "0", false, "rotate at this age; 0: never");
        add(SettingNames.AUDIT_JMX, "boolean", "true", false, "audit counters over JMX");
        add(SettingNames.AUDIT_CHECKPOINT_KEY, "path", "(none)", false, "Ed25519 key (0600) signing checkpoints");
        add(SettingNames.AUDIT_CHECKPOINT_EVENTS, "integer", "1000", false, "a checkpoint every N events; 0: off");
        add(SettingNames.AUDIT_CHECKPOINT_INTERVAL, "duration", "10s", false, "and after this long; 0: off");
        add(SettingNames.SHIP_URL, "URL", "(none)", false, "tcp:// or syslog[+tls]:// collector");
        add(SettingNames.SHIP_SPOOL_DIR, "path", "AUDIT_FILE.spool", false, "spool of lines not yet shipped");
        add(SettingNames.SHIP_SPOOL_MAX, "size", "256MB", false, "spool limit");
        add(SettingNames.SHIP_RESEND, "size", "1MB", false, "bytes resent after a reconnection");
        add(SettingNames.SHIP_BACKOFF_MAX, "duration", "5s", false, "longest pause between reconnections");
        add(SettingNames.SHIP_TRUSTSTORE, "path", "(JVM default)", false, "trust store for TLS");
        add(SettingNames.SHIP_TRUSTSTORE_PASSWORD, "secret", "(none)", true, "its password");
        add(SettingNames.ALERT_WEBHOOK_URL, "URL", "(none)", false, "alerts for high-risk decisions");
        add(SettingNames.ALERT_RISKS, "risks, ';'-separated", "delete;external", false, "which risks alert");
        add(SettingNames.ALERT_TIMEOUT, "duration", "5s", false, "alert request timeout");
        add(SettingNames.ALERT_WEBHOOK_SECRET, "secret", "(none)", true, "key that signs alerts");
        add(SettingNames.ALERT_WEBHOOK_ALLOW_HTTP, "boolean", "false", false, "http:// off-host for alerts");
        add(
                SettingNames.METRICS_ENABLED,
                "boolean",
                "false",
                false,
                "decision metrics, MBean dev.toolgate:type=Decisions");
        add(SettingNames.METRICS_PROMETHEUS_PORT, "port", "(none)", false, "serve /metrics for Prometheus");
        add(SettingNames.METRICS_PROMETHEUS_HOST, "host", "127.0.0.1", false, "address the metrics port binds to");
        add(SettingNames.OTLP_ENDPOINT, "URL", "(none)", false, "OTLP/HTTP receiver of audit logs and metrics");
        add(SettingNames.OTLP_LOGS, "boolean", "true", false, "send audit events as OTLP logs");
        add(SettingNames.OTLP_METRICS_INTERVAL, "duration", "30s", false, "OTLP metrics interval; 0: no metrics");
        add(SettingNames.OTLP_TIMEOUT, "duration", "10s", false, "timeout of one OTLP request");
        add(SettingNames.OTLP_QUEUE, "integer", "8192", false, "audit events waiting for OTLP; more are dropped");
        add(SettingNames.OTEL_SPANS, "auto|off", "auto", false, "guardrail spans via the OpenTelemetry agent");
        if (!ENTRIES.keySet().equals(ConfigReader.KEYS)) {
            throw new ExceptionInInitializerError(
                    "the catalogue lists " + ENTRIES.keySet() + " but the reader knows " + ConfigReader.KEYS);
        }
    }

    private ConfigCatalog() {}

    private static void add(String key, String type, String defaultValue, boolean secret, String meaning) {
        ENTRIES.put(key, new Entry(key, type, defaultValue, secret, meaning));
    }

    /** Every setting, in the order of the documentation. */
    public static Iterable<Entry> entries() {
        return ENTRIES.values();
    }

    public static Entry entry(String key) {
        return ENTRIES.get(key);
    }
}
