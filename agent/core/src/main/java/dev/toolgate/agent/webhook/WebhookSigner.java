package dev.toolgate.agent.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies messages the Standard Webhooks way: {@code webhook-id}, {@code webhook-timestamp} (Unix
 * seconds) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. A receiver's existing
 * Standard Webhooks library verifies what this sends, and the same rules verify what comes back.
 */
public final class WebhookSigner {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How far a signed timestamp may be from now, either way: older messages are replays, newer ones forged. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    private WebhookSigner(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The signer for a configured secret: {@code whsec_<base64>} is the convention (the key is the decoded bytes);
     * any other text is taken as its UTF-8 bytes.
     *
     * @throws IllegalArgumentException the secret is empty, or starts with {@code whsec_} without base64 after it
     */
    public static WebhookSigner forSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        if (!secret.startsWith(PREFIX)) {
            return new WebhookSigner(secret.getBytes(StandardCharsets.UTF_8));
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "it starts with " + PREFIX + " but what follows is not base64 (" + e.getMessage() + ")");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("it is " + PREFIX + " with no key after it");
        }
        return new WebhookSigner(key);
    }

    /** {@code v1,<base64>} for one message. */
    public String sign(String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(id, timestamp, body));
    }

    /** The three headers of a message sent at {@code now}, in the order the convention lists them. */
    public Map<String, String> headers(String id, Instant now, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, Long.toString(now.getEpochSecond()));
        headers.put(SIGNATURE, sign(id, now.getEpochSecond(), body));
        return headers;
    }

    /**
     * Checks a signed message that must carry {@code expectedId}.
     *
     * @param headers the message's header values by lower-case name; absent ones null
     * @return null when the message is authentic, else what is wrong with it
     */
    public String verify(String expectedId, Map<String, String> headers, byte[] body, Instant now) {
        String id = headers.get(ID);
        String timestamp = headers.get(TIMESTAMP);
        String signatures = headers.get(SIGNATURE);
        if (id == null || timestamp == null || signatures == null) {
            return "it lacks the " + ID + ", " + TIMESTAMP + " and " + SIGNATURE + " headers";
        }
        if (!id.equals(expectedId)) {
            return ID + " '" + id + "' is not '" + expectedId + "'";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return TIMESTAMP + " '" + timestamp + "' is not a number of seconds";
        }
        long skew = Math.abs(now.getEpochSecond() - seconds);
        if (skew > TOLERANCE.toSeconds()) {
            return TIMESTAMP + " " + seconds + " is " + skew + " s from now, outside the " + TOLERANCE.toSeconds()
                    + " s window";
        }
        byte[] expected = mac(id, seconds, body);
        // Several space-separated signatures let a receiver's sender rotate keys; one valid v1 is enough.
        for (String entry : signatures.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(presented, expected)) {
                return null;
            }
        }
        return SIGNATURE + " holds no valid v1 signature of this body under the shared secret";
    }

    private byte[] mac(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
