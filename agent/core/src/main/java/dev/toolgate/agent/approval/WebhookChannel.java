package dev.toolgate.agent.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.policy.GrantScope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs each request as JSON, signed with HMAC-SHA256, and reads the answer from the response:
 * {@code {"approved": true|false, "approver": "...", "reason": "...", "grant": "once|session|always"}}. Anything
 * else — a status other than 2xx, a body that is not such an object, an {@code id} naming another request, no
 * connection — is a denial that says what went wrong.
 */
final class WebhookChannel implements ApprovalChannel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REPLY_BYTES = 64 * 1024;

    private final URI url;
    private final HmacSigner signer;
    private final HttpClient client;

    WebhookChannel(URI url, HmacSigner signer) {
        this.url = url;
        this.signer = signer;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request) {
        byte[] body = ApprovalJson.request(request);
        Duration left = Duration.between(Instant.now(), request.expiresAt());
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left)
                .header("Content-Type", "application/json")
                .header(HmacSigner.HEADER, signer.sign(body))
                .header("X-Toolgate-Request-Id", request.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.sendAsync(post, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure != null
                        ? ApprovalVerdict.denied(
                                "webhook",
                                "the approval webhook " + url + " could not be reached (" + rootCause(failure) + ")")
                        : read(request, response));
    }

    private ApprovalVerdict read(ApprovalRequest request, HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            return ApprovalVerdict.denied("webhook", "the approval webhook answered HTTP " + response.statusCode());
        }
        JsonNode reply;
        try {
            if (response.body().length > MAX_REPLY_BYTES) {
                throw new IllegalArgumentException("over " + MAX_REPLY_BYTES + " bytes");
            }
            reply = JSON.readTree(response.body());
        } catch (Exception e) {
            return malformed("not JSON (" + e.getMessage() + ")");
        }
        if (reply == null || !reply.isObject() || !reply.path("approved").isBoolean()) {
            return malformed("it needs a boolean \"approved\"");
        }
        if (reply.has("id") && !request.id().equals(reply.path("id").asText())) {
            return malformed("it answers request " + reply.path("id").asText() + ", not " + request.id());
        }
        String approver =
                reply.path("approver").isTextual() ? reply.path("approver").asText() : "webhook";
        String reason = reply.path("reason").isTextual() ? reply.path("reason").asText() : null;
        if (!reply.path("approved").asBoolean()) {
            return ApprovalVerdict.denied(approver, reason);
        }
        GrantScope grant =
                reply.has("grant") ? GrantScope.parse(reply.path("grant").asText()) : GrantScope.ONCE;
        if (grant == null) {
            return malformed("\"grant\" must be once, session or always");
        }
        return ApprovalVerdict.approved(approver, reason, grant);
    }

    private static ApprovalVerdict malformed(String problem) {
        return ApprovalVerdict.denied("webhook", "the approval webhook's reply is not an answer: " + problem);
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
