package dev.toolgate.agent.alert;

import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigValues;
import dev.toolgate.agent.config.SettingNames;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.webhook.WebhookSigner;
import dev.toolgate.agent.webhook.WebhookUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where alerts for high-risk calls go.
 *
 * @param webhook the URL alerts are POSTed to
 * @param risks   the risk classes that raise an alert (the article's: delete and external)
 * @param timeout how long one delivery may take
 * @param signer  signs each alert the Standard Webhooks way; null when no {@code alert.webhook.secret} is set
 */
public record AlertSettings(URI webhook, Set<RiskLevel> risks, Duration timeout, WebhookSigner signer) {

    public static final String WEBHOOK_URL = SettingNames.ALERT_WEBHOOK_URL;
    public static final String RISKS = SettingNames.ALERT_RISKS;
    public static final String TIMEOUT = SettingNames.ALERT_TIMEOUT;
    public static final String SECRET = SettingNames.ALERT_WEBHOOK_SECRET;
    public static final String ALLOW_HTTP = SettingNames.ALERT_WEBHOOK_ALLOW_HTTP;

    public AlertSettings {
        risks = Set.copyOf(risks);
    }

    /** The alert settings, or empty when no webhook is configured. */
    public static Optional<AlertSettings> read(Function<String, Optional<String>> values) throws ConfigException {
        Optional<String> url = values.apply(WEBHOOK_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI webhook;
        try {
            webhook = new URI(url.get().trim());
        } catch (URISyntaxException e) {
            webhook = null;
        }
        if (webhook == null
                || webhook.getHost() == null
                || !("http".equalsIgnoreCase(webhook.getScheme()) || "https".equalsIgnoreCase(webhook.getScheme()))) {
            throw new ConfigException(
                    "setting '" + WEBHOOK_URL + "' = '" + url.get() + "' is not an http:// or" + " https:// URL.");
        }
        boolean allowHttp = values.apply(ALLOW_HTTP).isPresent()
                && ConfigValues.bool(ALLOW_HTTP, values.apply(ALLOW_HTTP).get());
        WebhookUrls.requireProtected("setting '" + WEBHOOK_URL + "'", webhook, allowHttp, ALLOW_HTTP);
        WebhookSigner signer = null;
        if (values.apply(SECRET).isPresent()) {
            try {
                signer = WebhookSigner.forSecret(values.apply(SECRET).get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("setting '" + SECRET + "' is not usable: " + e.getMessage()
                        + "; give whsec_ followed by the base64 of a random key (24 bytes or more)");
            }
        }
        Set<RiskLevel> risks = EnumSet.of(RiskLevel.DELETE, RiskLevel.EXTERNAL);
        if (values.apply(RISKS).isPresent()) {
            risks = EnumSet.noneOf(RiskLevel.class);
            // ';' separates list items: ',' already separates the agent arguments.
            for (String name : values.apply(RISKS).get().split("[;\\s]+")) {
                RiskLevel risk = RiskLevel.parse(name);
                if (risk == null) {
                    throw new ConfigException("setting '" + RISKS + "': '" + name + "' is not a risk class; use"
                            + " read, modify, delete or external, separated by ';'.");
                }
                risks.add(risk);
            }
        }
        Duration timeout = values.apply(TIMEOUT).isPresent()
                ? ConfigValues.duration(TIMEOUT, values.apply(TIMEOUT).get())
                : Duration.ofSeconds(5);
        return Optional.of(new AlertSettings(webhook, risks, timeout, signer));
    }

    /** The channel these settings describe. */
    public AlertChannel channel() {
        return new WebhookAlertChannel(webhook, timeout, signer);
    }
}
