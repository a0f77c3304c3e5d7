package dev.toolgate.agent.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /** The test vector the Standard Webhooks specification and its reference libraries publish. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static Map<String, String> headers(String id, long timestamp, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put(WebhookSigner.ID, id);
        headers.put(WebhookSigner.TIMESTAMP, Long.toString(timestamp));
        headers.put(WebhookSigner.SIGNATURE, signature);
        return headers;
    }

    @Test
    void reproducesTheSpecificationsTestVector() {
        assertEquals(SPEC_SIGNATURE, WebhookSigner.forSecret(SPEC_SECRET).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }

    @Test
    void verifiesTheTestVectorInsideTheWindowOnly() {
        WebhookSigner signer = WebhookSigner.forSecret(SPEC_SECRET);
        Instant sent = Instant.ofEpochSecond(SPEC_TIMESTAMP);
        assertNull(signer.verify(SPEC_ID, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), SPEC_BODY, sent));
        assertNull(signer.verify(
                SPEC_ID, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), SPEC_BODY, sent.plusSeconds(300)));
        String replay = signer.verify(
                SPEC_ID, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), SPEC_BODY, sent.plusSeconds(301));
        assertTrue(replay.contains("outside the 300 s window"), replay);
        String early = signer.verify(
                SPEC_ID, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), SPEC_BODY, sent.minusSeconds(301));
        assertTrue(early.contains("outside the 300 s window"), early);
    }

    @Test
    void anyValidSignatureAmongSeveralIsEnoughAndNothingElseIs() {
        WebhookSigner signer = WebhookSigner.forSecret(SPEC_SECRET);
        Instant sent = Instant.ofEpochSecond(SPEC_TIMESTAMP);
        assertNull(signer.verify(
                SPEC_ID, headers(SPEC_ID, SPEC_TIMESTAMP, "v1,bm9wZQ== v2,xyz " + SPEC_SIGNATURE), SPEC_BODY, sent));
        for (String bad : new String[] {
            "v1,bm9wZQ==", "v2," + SPEC_SIGNATURE.substring(3), SPEC_SIGNATURE.substring(3), "v1,%%%", ""
        }) {
            String problem = signer.verify(SPEC_ID, headers(SPEC_ID, SPEC_TIMESTAMP, bad), SPEC_BODY, sent);
            assertTrue(problem != null && problem.contains("no valid v1 signature"), bad + ": " + problem);
        }
        byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertTrue(signer.verify(SPEC_ID, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), changed, sent)
                .contains("no valid v1 signature"));
        assertTrue(WebhookSigner.forSecret("whsec_" + "QUJD")
                .verify(SPEC_ID, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), SPEC_BODY, sent)
                .contains("no valid v1 signature"));
    }

    @Test
    void aSignatureMadeForAnotherIdOrWithoutHeadersIsRefused() {
        WebhookSigner signer = WebhookSigner.forSecret(SPEC_SECRET);
        Instant sent = Instant.ofEpochSecond(SPEC_TIMESTAMP);
        String other = signer.verify("msg_other", headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), SPEC_BODY, sent);
        assertTrue(other.contains("webhook-id 'msg_p5jXN8AQM9LWM0D4loKWxJek' is not 'msg_other'"), other);
        Map<String, String> none = new HashMap<>();
        assertTrue(signer.verify(SPEC_ID, none, SPEC_BODY, sent).contains("lacks the webhook-id"));
        Map<String, String> word = headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE);
        word.put(WebhookSigner.TIMESTAMP, "yesterday");
        assertTrue(signer.verify(SPEC_ID, word, SPEC_BODY, sent).contains("'yesterday' is not a number"));
    }

    @Test
    void headersCarryTheIdTheSecondsAndTheSignature() {
        WebhookSigner signer = WebhookSigner.forSecret(SPEC_SECRET);
        Map<String, String> headers = signer.headers(SPEC_ID, Instant.ofEpochSecond(SPEC_TIMESTAMP, 999), SPEC_BODY);
        assertEquals(headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), headers);
    }

    @Test
    void secretsWithoutThePrefixAreTheirBytesAndBrokenOnesAreRefused() {
        WebhookSigner plain = WebhookSigner.forSecret("webhook-secret");
        assertEquals(
                WebhookSigner.forSecret("whsec_d2ViaG9vay1zZWNyZXQ=").sign(SPEC_ID, 1, SPEC_BODY),
                plain.sign(SPEC_ID, 1, SPEC_BODY));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebhookSigner.forSecret("whsec_not base64!"))
                .getMessage()
                .contains("not base64"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.forSecret("whsec_"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.forSecret(" "));
    }
}
