package dev.toolgate.agent.audit.ship;

import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigValues;
import dev.toolgate.agent.config.SettingNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how audit events are shipped to a collector.
 *
 * @param format        JSON Lines or RFC 5424 syslog (octet-counted, RFC 6587)
 * @param event         what each message holds: the audit line, or its OCSF or CloudEvents view ({@code ?format=}
 *                      on the URL)
 * @param host          collector host
 * @param port          collector port
 * @param tls           whether the connection is TLS
 * @param spoolDir      the local spool: events wait here, in order, until the collector has them
 * @param spoolMax      most bytes the spool may hold; beyond that events are not shipped (the audit file still
 *                      has them) and the gap is recorded
 * @param resendBytes   after a broken connection, how much of what was last sent is sent again: TCP cannot tell
 *                      what the collector read before the break; duplicates carry the same seq
 * @param backoffMax    longest wait between reconnection attempts
 * @param truststore    PKCS12 or JKS trust store for TLS; empty: the JVM's default trust
 * @param truststorePassword its password, may be empty
 * @param auditFile     the audit file the events come from, which views name as their source
 */
public record ShipSettings(
        WireFormat format,
        EventFormat event,
        String host,
        int port,
        boolean tls,
        Path spoolDir,
        long spoolMax,
        long resendBytes,
        Duration backoffMax,
        Optional<Path> truststore,
        String truststorePassword,
        Path auditFile) {

    public static final String URL = SettingNames.SHIP_URL;
    public static final String SPOOL_DIR = SettingNames.SHIP_SPOOL_DIR;
    public static final String SPOOL_MAX = SettingNames.SHIP_SPOOL_MAX;
    public static final String RESEND = SettingNames.SHIP_RESEND;
    public static final String BACKOFF_MAX = SettingNames.SHIP_BACKOFF_MAX;
    public static final String TRUSTSTORE = SettingNames.SHIP_TRUSTSTORE;
    public static final String TRUSTSTORE_PASSWORD = SettingNames.SHIP_TRUSTSTORE_PASSWORD;

    /** The shipping settings, or empty when {@code audit.ship.url} is not set. */
    public static Optional<ShipSettings> read(Path auditFile, AuditSettings.Values values) throws ConfigException {
        Optional<String> url = values.get(URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.get().trim());
        } catch (URISyntaxException e) {
            throw badUrl(url.get());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        WireFormat format;
        boolean tls;
        switch (scheme) {
            case "tcp" -> {
                format = WireFormat.JSON_LINES;
                tls = false;
            }
            case "tls", "tcp+tls" -> {
                format = WireFormat.JSON_LINES;
                tls = true;
            }
            case "syslog" -> {
                format = WireFormat.SYSLOG;
                tls = false;
            }
            case "syslog+tls" -> {
                format = WireFormat.SYSLOG;
                tls = true;
            }
            default -> throw badUrl(url.get());
        }
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw badUrl(url.get());
        }
        EventFormat event = eventFormat(url.get(), uri.getQuery());
        Path spool = values.get(SPOOL_DIR)
                .map(Path::of)
                .orElse(auditFile.resolveSibling(auditFile.getFileName() + ".spool"));
        long spoolMax = values.get(SPOOL_MAX).isPresent()
                ? ConfigValues.size(SPOOL_MAX, values.get(SPOOL_MAX).get())
                : 256L << 20;
        long resend = values.get(RESEND).isPresent()
                ? ConfigValues.size(RESEND, values.get(RESEND).get())
                : 1L << 20;
        Duration backoff = values.get(BACKOFF_MAX).isPresent()
                ? ConfigValues.duration(BACKOFF_MAX, values.get(BACKOFF_MAX).get())
                : Duration.ofSeconds(5);
        if (backoff.isZero()) {
            backoff = Duration.ofMillis(100);
        }
        return Optional.of(new ShipSettings(
                format,
                event,
                uri.getHost(),
                uri.getPort(),
                tls,
                spool,
                spoolMax,
                resend,
                backoff,
                values.get(TRUSTSTORE).map(Path::of),
                values.get(TRUSTSTORE_PASSWORD).orElse(""),
                auditFile.toAbsolutePath().normalize()));
    }

    /** {@code format=json|ocsf|cloudevents}, the only query the URL may have; none: the audit line. */
    private static EventFormat eventFormat(String url, String query) throws ConfigException {
        if (query == null || query.isEmpty()) {
            return EventFormat.NATIVE;
        }
        EventFormat event = query.startsWith("format=") ? EventFormat.parse(query.substring("format=".length())) : null;
        if (event == null) {
            throw new ConfigException("setting '" + URL + "' = '" + url + "': '?" + query + "' is not a format; add"
                    + " ?format=json (the audit line, the default), ?format=ocsf or ?format=cloudevents to the URL.");
        }
        return event;
    }

    private static ConfigException badUrl(String url) {
        return new ConfigException(
                "setting '" + URL + "' = '" + url + "' is not a collector address; write"
                        + " tcp://HOST:PORT or tls://HOST:PORT for JSON Lines, syslog://HOST:PORT or syslog+tls://HOST:PORT"
                        + " for RFC 5424 syslog with octet counting, optionally followed by ?format=ocsf or ?format=cloudevents.");
    }

    /** For messages: {@code syslog+tls://host:port}. */
    public String address() {
        return (format == WireFormat.SYSLOG ? "syslog" : "tcp") + (tls ? "+tls" : "") + "://" + host + ":" + port
                + (event == EventFormat.NATIVE ? "" : "?format=" + event.wireName());
    }
}
