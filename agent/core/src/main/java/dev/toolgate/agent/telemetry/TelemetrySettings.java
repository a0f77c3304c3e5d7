package dev.toolgate.agent.telemetry;

import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigValues;
import dev.toolgate.agent.config.SettingNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What telemetry is wanted, read once from the configuration. Everything is off by default; the libraries behind
 * it are loaded only when something is on.
 *
 * @param metrics         whether decisions are counted at all (on when asked for, or when Prometheus or OTLP is)
 * @param prometheusPort  the port of the Prometheus endpoint, or -1 for none
 * @param prometheusHost  the address it binds to (loopback unless told otherwise)
 * @param otlpEndpoint    the OTLP/HTTP receiver's base URL, or null
 * @param otlpLogs        whether audit events go to it as logs
 * @param metricsInterval how often metrics go to it; zero: never
 * @param otlpTimeout     how long one OTLP request may take
 * @param otlpQueue       how many audit events may wait for the receiver
 * @param spans           whether a guardrail span is added when the OpenTelemetry Java agent runs too
 */
public record TelemetrySettings(
        boolean metrics,
        int prometheusPort,
        String prometheusHost,
        URI otlpEndpoint,
        boolean otlpLogs,
        Duration metricsInterval,
        Duration otlpTimeout,
        int otlpQueue,
        boolean spans) {

    public static final TelemetrySettings OFF = new TelemetrySettings(
            false, -1, "127.0.0.1", null, false, Duration.ZERO, Duration.ofSeconds(10), 8192, false);

    public static TelemetrySettings read(Function<String, Optional<String>> values) throws ConfigException {
        int port = -1;
        Optional<String> portText = values.apply(SettingNames.METRICS_PROMETHEUS_PORT);
        if (portText.isPresent()) {
            port = ConfigValues.integer(SettingNames.METRICS_PROMETHEUS_PORT, portText.get(), 1, 65535);
        }
        String host = values.apply(SettingNames.METRICS_PROMETHEUS_HOST)
                .map(String::trim)
                .orElse("127.0.0.1");
        URI endpoint = null;
        Optional<String> endpointText = values.apply(SettingNames.OTLP_ENDPOINT);
        if (endpointText.isPresent()) {
            endpoint = endpoint(endpointText.get());
        }
        boolean logs = bool(values, SettingNames.OTLP_LOGS, true) && endpoint != null;
        Duration interval = values.apply(SettingNames.OTLP_METRICS_INTERVAL).isPresent()
                ? ConfigValues.duration(
                        SettingNames.OTLP_METRICS_INTERVAL,
                        values.apply(SettingNames.OTLP_METRICS_INTERVAL).get())
                : Duration.ofSeconds(30);
        if (endpoint == null) {
            interval = Duration.ZERO;
        }
        Duration timeout = values.apply(SettingNames.OTLP_TIMEOUT).isPresent()
                ? ConfigValues.duration(
                        SettingNames.OTLP_TIMEOUT,
                        values.apply(SettingNames.OTLP_TIMEOUT).get())
                : Duration.ofSeconds(10);
        if (timeout.isZero()) {
            throw new ConfigException("setting '" + SettingNames.OTLP_TIMEOUT + "' must be longer than 0, e.g. 10s.");
        }
        int queue = values.apply(SettingNames.OTLP_QUEUE).isPresent()
                ? ConfigValues.integer(
                        SettingNames.OTLP_QUEUE,
                        values.apply(SettingNames.OTLP_QUEUE).get(),
                        1,
                        1 << 20)
                : 8192;
        boolean spans = spans(values.apply(SettingNames.OTEL_SPANS).orElse("auto"));
        boolean metrics = bool(values, SettingNames.METRICS_ENABLED, false) || port > 0 || !interval.isZero();
        return new TelemetrySettings(metrics, port, host, endpoint, logs, interval, timeout, queue, spans);
    }

    /** Whether metrics or OTLP logs are on: what needs the OpenTelemetry SDK. */
    public boolean exports() {
        return metrics || otlpLogs;
    }

    private static URI endpoint(String text) throws ConfigException {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new ConfigException("setting '" + SettingNames.OTLP_ENDPOINT + "' = '" + text
                    + "' is not an http:// or https:// URL; give the OTLP/HTTP receiver's base URL, e.g."
                    + " http://localhost:4318 (the agent appends /v1/logs and /v1/metrics).");
        }
        return uri;
    }

    private static boolean spans(String text) throws ConfigException {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                return true;
            case "off":
                return false;
            default:
                throw new ConfigException(
                        "setting '" + SettingNames.OTEL_SPANS + "' = '" + text + "' must be auto or off.");
        }
    }

    private static boolean bool(Function<String, Optional<String>> values, String key, boolean otherwise)
            throws ConfigException {
        Optional<String> text = values.apply(key);
        return text.isPresent() ? ConfigValues.bool(key, text.get()) : otherwise;
    }
}
