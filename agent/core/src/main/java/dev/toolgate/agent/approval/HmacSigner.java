package dev.toolgate.agent.approval;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of earlier versions, kept for receivers not yet moved to Standard Webhooks: header
 * {@code X-Toolgate-Signature: sha256=<hex HMAC-SHA256 of the body under the secret's UTF-8 bytes>}. It carries no
 * timestamp, so it does not bound replays of a request; a reply signed this way is still bound to its request by
 * the {@code id} and {@code arguments_sha256} it must name.
 */
public final class HmacSigner {

    public static final String HEADER = "X-Toolgate-Signature";

    private final SecretKeySpec key;

    public HmacSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code header} is this body's signature, compared in constant time. */
    boolean verifies(String header, byte[] body) {
        return header != null
                && MessageDigest.isEqual(
                        header.trim().getBytes(StandardCharsets.US_ASCII),
                        sign(body).getBytes(StandardCharsets.US_ASCII));
    }
}
