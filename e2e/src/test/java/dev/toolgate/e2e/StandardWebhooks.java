package dev.toolgate.e2e;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiving side of Standard Webhooks, written from the specification for the tests: verifies what the agent
 * sends and signs what the test receivers answer.
 */
final class StandardWebhooks {

    /** A key in the whsec_ convention. */
    static final String SECRET = "whsec_"
            + Base64.getEncoder().encodeToString("toolgate end-to-end webhook key".getBytes(StandardCharsets.UTF_8));

    private StandardWebhooks() {}

    static String signature(String secret, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the request carries a valid signature less than five minutes old. */
    static boolean verifies(Headers headers, byte[] body) {
        String id = headers.getFirst("webhook-id");
        String timestamp = headers.getFirst("webhook-timestamp");
        String signature = headers.getFirst("webhook-signature");
        if (id == null || timestamp == null || signature == null) {
            return false;
        }
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
        return age <= 300
                && MessageDigest.isEqual(
                        signature.getBytes(StandardCharsets.US_ASCII),
                        signature(SECRET, id, timestamp, body).getBytes(StandardCharsets.US_ASCII));
    }

    /** Signs a reply to the request {@code id} into {@code headers}. */
    static void signReply(Headers headers, String id, byte[] reply) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        headers.set("webhook-id", id);
        headers.set("webhook-timestamp", timestamp);
        headers.set("webhook-signature", signature(SECRET, id, timestamp, reply));
    }
}
