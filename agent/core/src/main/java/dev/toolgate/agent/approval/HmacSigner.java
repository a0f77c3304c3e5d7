package dev.toolgate.agent.approval;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs request bodies so the receiver can tell they come from this agent: header
 * {@code X-Toolgate-Signature: sha256=<hex HMAC-SHA256 of the body under the shared secret>}.
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
}
