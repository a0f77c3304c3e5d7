package dev.toolgate.agent.approval;

import static dev.toolgate.agent.approval.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.webhook.WebhookSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback that verifies what it receives and signs what it answers. */
class WebhookChannelTest {

    private static final String SECRET = "whsec_c2hhcmVkLWFwcHJvdmFsLXdlYmhvb2sta2V5";
    private static final WebhookSigner SIGNER = WebhookSigner.forSecret(SECRET);
    private static final HmacSigner LEGACY = new HmacSigner(SECRET);

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    /** Per request received: null when its Standard Webhooks signature verified, else the problem. */
    private final List<String> verified = new CopyOnWriteArrayList<>();

    private final List<String> legacyHeaders = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** How the test receiver signs the reply body it was given. */
    private interface ReplySigning {
        void sign(HttpExchange exchange, JsonNode request, byte[] reply);
    }

    private static final ReplySigning STANDARD =
            (exchange, request, reply) -> SIGNER.headers(request.path("id").asText(), Instant.now(), reply)
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));

    private static final ReplySigning UNSIGNED = (exchange, request, reply) -> {};

    private URI serve(int status, Function<JsonNode, String> reply) throws Exception {
        return serve(status, reply, STANDARD);
    }

    private URI serve(int status, Function<JsonNode, String> reply, ReplySigning signing) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/approve", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            for (String name : List.of(WebhookSigner.ID, WebhookSigner.TIMESTAMP, WebhookSigner.SIGNATURE)) {
                headers.put(name, exchange.getRequestHeaders().getFirst(name));
            }
            JsonNode request = new ObjectMapper().readTree(body);
            verified.add(String.valueOf(SIGNER.verify(request.path("id").asText(), headers, body, Instant.now())));
            legacyHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst(HmacSigner.HEADER)));
            received.add(request);
            byte[] answer = reply.apply(request).getBytes(StandardCharsets.UTF_8);
            signing.sign(exchange, request, answer);
            send(exchange, status, answer);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/approve");
    }

    private static void send(HttpExchange exchange, int status, byte[] answer) throws IOException {
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static ApprovalRequest request(String id, Duration timeout) {
        Instant now = Instant.now();
        return new ApprovalRequest(
                id,
                call("ops", "s1", "send_email", List.of("to", "body"), "x@y.example", "hello"),
                RiskLevel.EXTERNAL,
                "external tool needs approval",
                "abc",
                now,
                now.plus(timeout),
                GrantScope.SESSION);
    }

    private static ApprovalVerdict ask(URI url, Duration timeout) throws Exception {
        return ask(url, timeout, SignatureScheme.STANDARD);
    }

    private static ApprovalVerdict ask(URI url, Duration timeout, SignatureScheme scheme) throws Exception {
        return new WebhookChannel(url, SIGNER, LEGACY, scheme)
                .submit(request("appr-1", timeout))
                .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }

    /** A well-formed answer to {@code request}. */
    private static String answer(JsonNode request, boolean approved, String grant) {
        return "{\"id\": \"" + request.path("id").asText() + "\", \"arguments_sha256\": \""
                + request.path("arguments_sha256").asText() + "\", \"approved\": " + approved
                + ", \"approver\": \"alice\", \"reason\": \"ok\", \"grant\": \"" + grant + "\"}";
    }

    @Test
    void postsTheSignedRequestAndReadsTheSignedApproval() throws Exception {
        URI url = serve(200, request -> answer(request, true, "session"));
        ApprovalVerdict verdict = ask(url, Duration.ofSeconds(5));
        assertTrue(verdict.approved(), verdict.toString());
        assertEquals("alice", verdict.approver());
        assertEquals(GrantScope.SESSION, verdict.grant());
        JsonNode request = received.get(0);
        for (String field : List.of(
                "id",
                "agent_id",
                "role",
                "session_id",
                "tool",
                "params",
                "risk_level",
                "reason",
                "expires_at",
                "arguments_sha256")) {
            assertTrue(request.has(field), field);
        }
        assertEquals("x@y.example", request.path("params").path("to").asText());
        assertEquals(List.of("null"), verified, "the request carries a valid Standard Webhooks signature");
        assertEquals(List.of("null"), legacyHeaders, "the legacy header is only sent when asked for");
    }

    @Test
    void aNegativeAnswerDenies() throws Exception {
        ApprovalVerdict verdict = ask(serve(200, r -> answer(r, false, "once")), Duration.ofSeconds(5));
        assertEquals(Approval.DENIED, verdict.status());
        assertEquals("alice", verdict.approver());
    }

    @Test
    void anUnsignedOrMisSignedReplyDeniesSayingWhy() throws Exception {
        ApprovalVerdict unsigned = ask(serve(200, r -> answer(r, true, "once"), UNSIGNED), Duration.ofSeconds(5));
        assertEquals(Approval.DENIED, unsigned.status());
        assertTrue(unsigned.reason().contains("not authenticated"), unsigned.reason());
        assertTrue(unsigned.reason().contains("lacks the webhook-id"), unsigned.reason());
        stop();
        WebhookSigner other = WebhookSigner.forSecret("whsec_b3RoZXIta2V5LW9mLXNvbWVvbmUtZWxzZQ==");
        ApprovalVerdict wrongKey = ask(
                serve(
                        200,
                        r -> answer(r, true, "once"),
                        (exchange, request, reply) -> other.headers(
                                        request.path("id").asText(), Instant.now(), reply)
                                .forEach((n, v) -> exchange.getResponseHeaders().add(n, v))),
                Duration.ofSeconds(5));
        assertFalse(wrongKey.approved());
        assertTrue(wrongKey.reason().contains("no valid v1 signature"), wrongKey.reason());
        stop();
        ApprovalVerdict stale = ask(
                serve(
                        200,
                        r -> answer(r, true, "once"),
                        (exchange, request, reply) -> SIGNER.headers(
                                        request.path("id").asText(),
                                        Instant.now().minusSeconds(600),
                                        reply)
                                .forEach((n, v) -> exchange.getResponseHeaders().add(n, v))),
                Duration.ofSeconds(5));
        assertFalse(stale.approved());
        assertTrue(stale.reason().contains("outside the 300 s window"), stale.reason());
    }

    @Test
    void aValidlySignedReplyToAnotherRequestDenies() throws Exception {
        // The receiver signs correctly, but what it signed names another request, or the right request with other
        // arguments, or it signed under the other request's id.
        for (Function<JsonNode, String> misdirected : List.<Function<JsonNode, String>>of(
                r -> answer(r, true, "once").replace("appr-1", "appr-2"),
                r -> answer(r, true, "once").replace("\"abc\"", "\"def\""),
                r -> "{\"approved\": true, \"arguments_sha256\": \"abc\"}",
                r -> "{\"approved\": true, \"id\": \"appr-1\"}")) {
            ApprovalVerdict verdict = ask(serve(200, misdirected), Duration.ofSeconds(5));
            assertEquals(Approval.DENIED, verdict.status(), verdict.toString());
            assertTrue(verdict.reason().contains("not an answer"), verdict.reason());
            stop();
        }
        ApprovalVerdict otherId = ask(
                serve(
                        200,
                        r -> answer(r, true, "once"),
                        (exchange, request, reply) -> SIGNER.headers("appr-2", Instant.now(), reply)
                                .forEach((n, v) -> exchange.getResponseHeaders().add(n, v))),
                Duration.ofSeconds(5));
        assertFalse(otherId.approved());
        assertTrue(otherId.reason().contains("webhook-id 'appr-2' is not 'appr-1'"), otherId.reason());
    }

    @Test
    void twoAnswersInOneReplyDeny() throws Exception {
        for (Function<JsonNode, String> twice : List.<Function<JsonNode, String>>of(
                r -> answer(r, false, "once") + answer(r, true, "always"),
                r -> answer(r, false, "once").replace("}", ", \"approved\": true}"))) {
            ApprovalVerdict verdict = ask(serve(200, twice), Duration.ofSeconds(5));
            assertEquals(Approval.DENIED, verdict.status());
            assertTrue(verdict.reason().contains("not exactly one JSON object"), verdict.reason());
            stop();
        }
    }

    @Test
    void garbageAndErrorsDeny() throws Exception {
        for (String garbage : List.of(
                "yes",
                "{\"approved\": \"true\", \"id\": \"appr-1\", \"arguments_sha256\": \"abc\"}",
                "[]",
                "{}",
                "{\"approved\": true, \"id\": \"appr-1\", \"arguments_sha256\": \"abc\", \"grant\": \"forever\"}")) {
            ApprovalVerdict verdict = ask(serve(200, r -> garbage), Duration.ofSeconds(5));
            assertEquals(Approval.DENIED, verdict.status(), garbage);
            assertTrue(verdict.reason().contains("not an answer"), verdict.reason());
            stop();
        }
        ApprovalVerdict serverError = ask(serve(500, r -> answer(r, true, "once")), Duration.ofSeconds(5));
        assertFalse(serverError.approved());
        assertTrue(serverError.reason().contains("HTTP 500"), serverError.reason());
    }

    @Test
    void aSlowReplyIsNotWaitedForPastTheRequestsTime() throws Exception {
        URI url = serve(200, request -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer(request, true, "once");
        });
        long start = System.nanoTime();
        ApprovalVerdict verdict = ask(url, Duration.ofMillis(500));
        assertEquals(Approval.TIMED_OUT, verdict.status(), verdict.toString());
        assertTrue(verdict.reason().contains("gave no answer within the request's time"), verdict.reason());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_500, "gave up when the request's time ran out");
    }

    @Test
    void theLegacySchemeSignsAndVerifiesWithTheOldHeader() throws Exception {
        ReplySigning legacy =
                (exchange, request, reply) -> exchange.getResponseHeaders().add(HmacSigner.HEADER, LEGACY.sign(reply));
        assertTrue(ask(serve(200, r -> answer(r, true, "once"), legacy), Duration.ofSeconds(5), SignatureScheme.LEGACY)
                .approved());
        assertTrue(legacyHeaders.get(0).startsWith("sha256="), legacyHeaders.toString());
        assertTrue(verified.get(0).contains("lacks the webhook-id"), "no standard headers: " + verified);
        stop();
        ApprovalVerdict unsigned =
                ask(serve(200, r -> answer(r, true, "once"), UNSIGNED), Duration.ofSeconds(5), SignatureScheme.LEGACY);
        assertFalse(unsigned.approved());
        assertTrue(unsigned.reason().contains("no X-Toolgate-Signature header"), unsigned.reason());
        stop();
        assertTrue(ask(serve(200, r -> answer(r, true, "once"), legacy), Duration.ofSeconds(5), SignatureScheme.BOTH)
                .approved());
        assertEquals("null", verified.get(2), "both: the standard headers are sent too");
        assertTrue(legacyHeaders.get(2).startsWith("sha256="), legacyHeaders.toString());
    }

    @Test
    void aRefusedConnectionDenies() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ApprovalVerdict verdict = ask(URI.create("http://127.0.0.1:" + port + "/approve"), Duration.ofSeconds(5));
        assertFalse(verdict.approved());
        assertTrue(verdict.reason().contains("could not be reached"), verdict.reason());
    }
}
