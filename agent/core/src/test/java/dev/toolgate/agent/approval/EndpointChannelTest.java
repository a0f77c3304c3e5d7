package dev.toolgate.agent.approval;

import static dev.toolgate.agent.approval.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.policy.RiskLevel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Through real HTTP requests to the endpoint on loopback. */
@Timeout(60)
class EndpointChannelTest {

    private static final String TOKEN = "t0ken";
    private final HttpClient http = HttpClient.newHttpClient();
    private final GrantStore grants = new GrantStore();
    private EndpointChannel endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = new EndpointChannel(0, TOKEN, grants);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ApprovalRequest request(String id) {
        Instant now = Instant.now();
        return new ApprovalRequest(
                id,
                call("ops", "s1", "wipe", List.of("name"), "db"),
                RiskLevel.DELETE,
                "needs a" + " person",
                "hash-" + id,
                now,
                now.plusSeconds(60),
                GrantScope.SESSION);
    }

    @Test
    void pendingRequestsAreListedAndAnsweredOnceById() throws Exception {
        CompletableFuture<ApprovalVerdict> first = endpoint.submit(request("appr-1"));
        CompletableFuture<ApprovalVerdict> second = endpoint.submit(request("appr-2"));
        JsonNode listed = new ObjectMapper()
                .readTree(send("GET", "/approvals", TOKEN, null).body());
        assertEquals(2, listed.size());
        assertEquals("db", listed.get(0).path("params").path("name").asText());

        HttpResponse<String> approve = send(
                "POST",
                "/approvals/appr-1/approve",
                TOKEN,
                "{\"approver\": \"alice\", \"reason\": \"planned\", \"grant\": \"session\"}");
        assertEquals(200, approve.statusCode(), approve.body());
        ApprovalVerdict verdict = first.get(5, TimeUnit.SECONDS);
        assertTrue(verdict.approved());
        assertEquals("alice", verdict.approver());
        assertEquals(GrantScope.SESSION, verdict.grant());
        assertFalse(second.isDone());

        HttpResponse<String> twice = send("POST", "/approvals/appr-1/deny", TOKEN, null);
        assertEquals(409, twice.statusCode(), twice.body());
        assertTrue(twice.body().contains("already answered"), twice.body());
        assertTrue(first.get().approved(), "a second answer must not change the first");

        assertEquals(
                404, send("POST", "/approvals/appr-404/approve", TOKEN, null).statusCode());
        assertEquals(
                1,
                new ObjectMapper()
                        .readTree(send("GET", "/approvals", TOKEN, null).body())
                        .size());
        assertEquals(
                200,
                send("POST", "/approvals/appr-2/deny", TOKEN, "{\"approver\": \"bob\"}")
                        .statusCode());
        assertFalse(second.get(5, TimeUnit.SECONDS).approved());
    }

    @Test
    void everythingNeedsTheToken() throws Exception {
        CompletableFuture<ApprovalVerdict> pending = endpoint.submit(request("appr-1"));
        assertEquals(401, send("GET", "/approvals", null, null).statusCode());
        assertEquals(
                401, send("POST", "/approvals/appr-1/approve", "wrong", null).statusCode());
        assertEquals(401, send("GET", "/grants", "", null).statusCode());
        assertFalse(pending.isDone());
    }

    @Test
    void badBodiesAreRefusedAndLeaveTheRequestPending() throws Exception {
        CompletableFuture<ApprovalVerdict> pending = endpoint.submit(request("appr-1"));
        assertEquals(
                400,
                send("POST", "/approvals/appr-1/approve", TOKEN, "not json").statusCode());
        assertEquals(
                400,
                send("POST", "/approvals/appr-1/approve", TOKEN, "{\"grant\": \"forever\"}")
                        .statusCode());
        try {
            assertEquals(
                    400,
                    send("POST", "/approvals/appr-1/approve", TOKEN, "x".repeat(100_000))
                            .statusCode());
        } catch (java.io.IOException cutOff) {
            // the endpoint may close the connection on an oversized body before the client has read the 400
        }
        assertFalse(pending.isDone());
        assertEquals(
                1,
                new ObjectMapper()
                        .readTree(send("GET", "/approvals", TOKEN, null).body())
                        .size());
    }

    @Test
    void withdrawnRequestsCanNoLongerBeAnswered() throws Exception {
        ApprovalRequest request = request("appr-1");
        endpoint.submit(request);
        endpoint.withdraw(request);
        HttpResponse<String> late = send("POST", "/approvals/appr-1/approve", TOKEN, null);
        assertEquals(409, late.statusCode());
        assertTrue(late.body().contains("expired"), late.body());
    }

    @Test
    void grantsAreListedAndRevoked() throws Exception {
        Grant grant = grants.add(GrantScope.ALWAYS, request("appr-1"), "alice");
        JsonNode listed =
                new ObjectMapper().readTree(send("GET", "/grants", TOKEN, null).body());
        assertEquals(grant.id(), listed.get(0).path("id").asText());
        assertEquals("always", listed.get(0).path("scope").asText());
        assertEquals(200, send("DELETE", "/grants/" + grant.id(), TOKEN, null).statusCode());
        assertTrue(grants.list().isEmpty());
        assertEquals(404, send("DELETE", "/grants/" + grant.id(), TOKEN, null).statusCode());
    }
}
