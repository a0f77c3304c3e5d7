package dev.toolgate.agent.alert;

import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigValues;
import dev.toolgate.agent.config.SettingNames;
import dev.toolgate.agent.policy.RiskLevel;
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
 */
public record AlertSettings(URI webhook, Set<RiskLevel> risks, Duration timeout) {

    public static final String WEBHOOK_URL = SettingNames.ALERT_WEBHOOK_URL;
    public static final String RISKS = SettingNames.ALERT_RISKS;
    public static final String TIMEOUT = SettingNames.ALERT_TIMEOUT;

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
        return Optional.of(new AlertSettings(webhook, risks, timeout));
    }
}
