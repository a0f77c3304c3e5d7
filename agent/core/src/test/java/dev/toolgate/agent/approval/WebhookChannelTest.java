package dev.toolgate.agent.approval;

import static dev.toolgate.agent.approval.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback. */
class WebhookChannelTest {

    private static final String SECRET = "s3cret";
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private URI serve(int status, Function<JsonNode, String> reply) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/approve", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            signatures.add(
                    exchange.getRequestHeaders().getFirst(HmacSigner.HEADER) + "|" + new HmacSigner(SECRET).sign(body));
            JsonNode request = new ObjectMapper().readTree(body);
            received.add(request);
            byte[] answer = reply.apply(request).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/approve");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static ApprovalRequest request(Duration timeout) {
        Instant now = Instant.now();
        return new ApprovalRequest(
                "appr-1",
                call("ops", "s1", "send_email", List.of("to", "body"), "x@y.example", "hello"),
                RiskLevel.EXTERNAL,
                "external tool needs approval",
                "abc",
                now,
                now.plus(timeout),
                GrantScope.SESSION);
    }

    private static ApprovalVerdict ask(URI url, Duration timeout) throws Exception {
        return new WebhookChannel(url, new HmacSigner(SECRET))
                .submit(request(timeout))
                .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }

    @Test
    void postsTheSignedRequestAndReadsTheApproval() throws Exception {
        URI url = serve(
                200,
                request -> "{\"approved\": true, \"approver\": \"alice\", \"reason\": \"ok\","
                        + " \"grant\": \"session\", \"id\": \""
                        + request.path("id").asText() + "\"}");
        ApprovalVerdict verdict = ask(url, Duration.ofSeconds(5));
        assertTrue(verdict.approved());
        assertEquals("alice", verdict.approver());
        assertEquals(GrantScope.SESSION, verdict.grant());
        JsonNode request = received.get(0);
        for (String field : List.of(
                "id", "agent_id", "role", "session_id", "tool", "params", "risk_level", "reason", "expires_at")) {
            assertTrue(request.has(field), field);
        }
        assertEquals("x@y.example", request.path("params").path("to").asText());
        String[] signature = signatures.get(0).split("\\|");
        assertEquals(signature[1], signature[0], "the signature must be HMAC-SHA256 of the body");
    }

    @Test
    void aNegativeAnswerDenies() throws Exception {
        ApprovalVerdict verdict =
                ask(serve(200, r -> "{\"approved\": false, \"approver\": \"bob\"}"), Duration.ofSeconds(5));
        assertEquals(Approval.DENIED, verdict.status());
        assertEquals("bob", verdict.approver());
    }

    @Test
    void garbageErrorsAndMisdirectedAnswersDeny() throws Exception {
        for (String garbage : List.of(
                "yes",
                "{\"approved\": \"true\"}",
                "[]",
                "{}",
                "{\"approved\": true," + " \"id\": \"someone-else\"}",
                "{\"approved\": true, \"grant\": \"forever\"}")) {
            ApprovalVerdict verdict = ask(serve(200, r -> garbage), Duration.ofSeconds(5));
            assertEquals(Approval.DENIED, verdict.status(), garbage);
            assertTrue(verdict.reason().contains("not an answer"), verdict.reason());
            stop();
        }
        ApprovalVerdict serverError = ask(serve(500, r -> "{\"approved\": true}"), Duration.ofSeconds(5));
        assertFalse(serverError.approved());
        assertTrue(serverError.reason().contains("HTTP 500"), serverError.reason());
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
