package dev.toolgate.agent.approval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs each request as JSON, signed the Standard Webhooks way ({@code webhook-id} is the request's id), and
 * reads the answer from the response: {@code {"id": ..., "arguments_sha256": ..., "approved": true|false,
 * "approver": "...", "reason": "...", "grant": "once|session|always"}}. The reply must be signed with the same
 * secret under the request's {@code webhook-id} and name the request's id and arguments hash, so that neither a
 * party on the path nor a reply meant for another call can approve this one. Anything else — a status other than
 * 2xx, an unsigned or mis-signed reply, a body that is not exactly one such object, no connection — is a denial
 * that says what went wrong.
 */
final class WebhookChannel implements ApprovalChannel {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int MAX_REPLY_BYTES = 64 * 1024;

    private final URI url;
    private final WebhookSigner signer;
    private final HmacSigner legacy;
    private final SignatureScheme scheme;
    private final HttpClient client;

    WebhookChannel(URI url, WebhookSigner signer, HmacSigner legacy, SignatureScheme scheme) {
        this.url = url;
        this.signer = signer;
        this.legacy = legacy;
        this.scheme = scheme;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    URI url() {
        return url;
    }

    @Override
    public CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request) {
        byte[] body = ApprovalJson.request(request);
        Duration left = Duration.between(Instant.now(), request.expiresAt());
        HttpRequest.Builder post = HttpRequest.newBuilder(url)
                .timeout(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left)
                .header("Content-Type", "application/json")
                .header("X-Toolgate-Request-Id", request.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (scheme.standard()) {
            signer.headers(request.id(), Instant.now(), body).forEach(post::header);
        }
        if (scheme.legacy()) {
            post.header(HmacSigner.HEADER, legacy.sign(body));
        }
        return client.sendAsync(post.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure != null ? failed(failure) : read(request, response));
    }

    private ApprovalVerdict failed(Throwable failure) {
        if (root(failure) instanceof HttpTimeoutException) {
            // The same outcome the stage gives when its own wait ends first: nobody answered in time.
            return ApprovalVerdict.timedOut(
                    "the approval webhook " + url + " gave no answer within the request's time");
        }
        return ApprovalVerdict.denied(
                "webhook", "the approval webhook " + url + " could not be reached (" + rootCause(failure) + ")");
    }

    private ApprovalVerdict read(ApprovalRequest request, HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            return ApprovalVerdict.denied("webhook", "the approval webhook answered HTTP " + response.statusCode());
        }
        byte[] body = response.body();
        if (body.length > MAX_REPLY_BYTES) {
            return malformed("it is over " + MAX_REPLY_BYTES + " bytes");
        }
        String forged = authenticate(request, response);
        if (forged != null) {
            return ApprovalVerdict.denied(
                    "webhook", "the approval webhook's reply is not authenticated, so it cannot approve: " + forged);
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (Exception e) {
            return malformed("it is not exactly one JSON object (" + firstLine(e.getMessage()) + ")");
        }
        if (reply == null || !reply.isObject() || !reply.path("approved").isBoolean()) {
            return malformed("it needs a boolean \"approved\"");
        }
        if (!request.id().equals(reply.path("id").asText(null))) {
            return malformed("it answers request " + reply.path("id").asText("(none)") + ", not " + request.id());
        }
        if (!request.argumentsSha256().equals(reply.path("arguments_sha256").asText(null))) {
            return malformed(
                    "its arguments_sha256 " + reply.path("arguments_sha256").asText("(none)") + " is not the request's "
                            + request.argumentsSha256());
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

    /** @return null when the reply is signed as the scheme asks, else why not */
    private String authenticate(ApprovalRequest request, HttpResponse<byte[]> response) {
        String problem = null;
        if (scheme.standard()) {
            Map<String, String> headers = new HashMap<>();
            for (String name : new String[] {WebhookSigner.ID, WebhookSigner.TIMESTAMP, WebhookSigner.SIGNATURE}) {
                headers.put(name, response.headers().firstValue(name).orElse(null));
            }
            problem = signer.verify(request.id(), headers, response.body(), Instant.now());
            if (problem == null) {
                return null;
            }
        }
        if (scheme.legacy()) {
            String header = response.headers().firstValue(HmacSigner.HEADER).orElse(null);
            if (legacy.verifies(header, response.body())) {
                return null;
            }
            String legacyProblem = header == null
                    ? "it has no " + HmacSigner.HEADER + " header"
                    : HmacSigner.HEADER + " is not the HMAC-SHA256 of this body under the shared secret";
            problem = problem == null ? legacyProblem : problem + "; " + legacyProblem;
        }
        return problem;
    }

    private static ApprovalVerdict malformed(String problem) {
        return ApprovalVerdict.denied("webhook", "the approval webhook's reply is not an answer: " + problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = root(failure);
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
