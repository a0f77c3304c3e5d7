package dev.toolgate.agent.alert;

import dev.toolgate.agent.webhook.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * POSTs each alert as JSON: {@code {"text": SUMMARY, "event": EVENT}}. {@code text} is what Slack- and
 * Mattermost-style incoming webhooks display; {@code event} is the audit event as written. Any status other
 * than 2xx is a failure. With a secret, each alert is signed the Standard Webhooks way under a fresh
 * {@code webhook-id}, so the receiver can tell it comes from this agent and drop replays.
 */
public final class WebhookAlertChannel implements AlertChannel {

    private final URI url;
    private final int timeoutMillis;
    private final WebhookSigner signer;

    /** @param signer null: alerts go unsigned */
    public WebhookAlertChannel(URI url, Duration timeout, WebhookSigner signer) {
        this.url = url;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.signer = signer;
    }

    @Override
    public String name() {
        return "webhook " + url.getScheme() + "://" + url.getAuthority() + url.getPath();
    }

    @Override
    public void send(Alert alert) throws IOException {
        byte[] body = ("{\"text\":" + jsonString(alert.summary()) + ",\"event\":" + alert.event() + "}")
                .getBytes(StandardCharsets.UTF_8);
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setDoOutput(true);
            connection.setRequestMethod("POST");
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            if (signer != null) {
                signer.headers("alert-" + UUID.randomUUID(), Instant.now(), body)
                        .forEach(connection::setRequestProperty);
            }
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            try (InputStream response = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (response != null) {
                    response.readAllBytes();
                }
            }
            if (status < 200 || status > 299) {
                throw new IOException("the webhook answered HTTP " + status);
            }
        } finally {
            connection.disconnect();
        }
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
