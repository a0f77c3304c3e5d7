package dev.toolgate.agent.approval;

import static dev.toolgate.agent.approval.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console's sign-in, origin and CSRF checks and its bounds, through real HTTP on loopback. */
@Timeout(60)
class ConsoleHandlerTest {

    private static final String TOKEN = "console-t0ken";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private EndpointChannel endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private EndpointChannel start(int maxPending, Duration sessionLifetime) throws Exception {
        endpoint = new EndpointChannel(0, TOKEN, new GrantStore(), maxPending, sessionLifetime);
        return endpoint;
    }

    private String origin() {
        return "http://127.0.0.1:" + endpoint.port();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in; returns {cookie, csrf}. */
    private String[] signIn() throws Exception {
        HttpResponse<String> login = send(
                "POST",
                "/console/login",
                "{\"token\": \"" + TOKEN + "\", \"approver\": \"alice\"}",
                "Origin",
                origin());
        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        return new String[] {
            setCookie.split(";")[0], JSON.readTree(login.body()).path("csrf").asText()
        };
    }

    private static ApprovalRequest request(String id, GrantScope maxGrant) {
        Instant now = Instant.now();
        return new ApprovalRequest(
                id,
                call("ops", "s1", "wipe", List.of("name"), "db"),
                RiskLevel.DELETE,
                "needs a person",
                "hash-" + id,
                now,
                now.plusSeconds(60),
                maxGrant);
    }

    @Test
    void thePageIsServedFromTheJarWithAStrictContentSecurityPolicy() throws Exception {
        start(10, Duration.ofHours(1));
        for (String page : List.of("/console/", "/console/console.js", "/console/console.css")) {
            HttpResponse<String> response = send("GET", page, null);
            assertEquals(200, response.statusCode(), page);
            String csp =
                    response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
            assertFalse(response.body().contains("https://"), page + " fetches nothing from elsewhere");
        }
        assertFalse(send("GET", "/console/console.js", null).body().contains("innerHTML"));
    }

    @Test
    void withoutAValidSessionNothingIsShownOrAnswered() throws Exception {
        start(10, Duration.ofHours(1));
        CompletableFuture<ApprovalVerdict> answer = endpoint.submit(request("appr-1", GrantScope.SESSION));
        HttpResponse<String> none = send("GET", "/console/api/pending", null);
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("not signed in"), none.body());
        HttpResponse<String> forged = send("GET", "/console/api/pending", null, "Cookie", "toolgate_console=f00");
        assertEquals(401, forged.statusCode());
        HttpResponse<String> wrong =
                send("POST", "/console/login", "{\"token\": \"guess\", \"approver\": \"mallory\"}", "Origin", origin());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("not the approval endpoint's token"), wrong.body());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        HttpResponse<String> bearer = send("GET", "/console/api/pending", null, "Authorization", "Bearer " + TOKEN);
        assertEquals(401, bearer.statusCode(), "the console takes its session cookie, not the bearer token");
        assertFalse(answer.isDone());
    }

    @Test
    void changesNeedTheConsolesOriginAndTheSessionsCsrfToken() throws Exception {
        start(10, Duration.ofHours(1));
        CompletableFuture<ApprovalVerdict> answer = endpoint.submit(request("appr-1", GrantScope.SESSION));
        String[] session = signIn();
        String body = "{\"reason\": \"planned\", \"grant\": \"session\"}";
        String path = "/console/api/approvals/appr-1/approve";
        HttpResponse<String> noOrigin = send("POST", path, body, "Cookie", session[0], "X-Toolgate-CSRF", session[1]);
        assertEquals(403, noOrigin.statusCode(), noOrigin.body());
        HttpResponse<String> crossOrigin = send(
                "POST",
                path,
                body,
                "Cookie",
                session[0],
                "X-Toolgate-CSRF",
                session[1],
                "Origin",
                "http://127.0.0.1:1");
        assertEquals(403, crossOrigin.statusCode());
        assertTrue(crossOrigin.body().contains("cross-origin request refused"), crossOrigin.body());
        HttpResponse<String> form = send(
                "POST",
                path,
                body,
                "Cookie",
                session[0],
                "X-Toolgate-CSRF",
                session[1],
                "Origin",
                origin(),
                "Content-Type",
                "text/plain");
        assertEquals(415, form.statusCode(), form.body());
        HttpResponse<String> noCsrf = send("POST", path, body, "Cookie", session[0], "Origin", origin());
        assertEquals(403, noCsrf.statusCode());
        assertTrue(noCsrf.body().contains("X-Toolgate-CSRF"), noCsrf.body());
        assertFalse(answer.isDone(), "nothing refused may answer");

        HttpResponse<String> approved =
                send("POST", path, body, "Cookie", session[0], "X-Toolgate-CSRF", session[1], "Origin", origin());
        assertEquals(200, approved.statusCode(), approved.body());
        ApprovalVerdict verdict = answer.get(5, TimeUnit.SECONDS);
        assertTrue(verdict.approved());
        assertEquals("alice", verdict.approver());
        assertEquals("planned", verdict.reason());
        assertEquals(GrantScope.SESSION, verdict.grant());
        HttpResponse<String> again = send(
                "POST",
                "/console/api/approvals/appr-1/deny",
                "{\"reason\": \"late\"}",
                "Cookie",
                session[0],
                "X-Toolgate-CSRF",
                session[1],
                "Origin",
                origin());
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already answered (approved by alice)"), again.body());
    }

    @Test
    void aGrantWiderThanTheRuleAllowsAndAnAnswerWithoutReasonAreRefused() throws Exception {
        start(10, Duration.ofHours(1));
        CompletableFuture<ApprovalVerdict> answer = endpoint.submit(request("appr-1", GrantScope.ONCE));
        String[] session = signIn();
        HttpResponse<String> wide = send(
                "POST",
                "/console/api/approvals/appr-1/approve",
                "{\"reason\": \"ok\", \"grant\": \"always\"}",
                "Cookie",
                session[0],
                "X-Toolgate-CSRF",
                session[1],
                "Origin",
                origin());
        assertEquals(400, wide.statusCode());
        assertTrue(wide.body().contains("wider than this request allows (max_grant: once)"), wide.body());
        HttpResponse<String> silent = send(
                "POST",
                "/console/api/approvals/appr-1/deny",
                "{}",
                "Cookie",
                session[0],
                "X-Toolgate-CSRF",
                session[1],
                "Origin",
                origin());
        assertEquals(400, silent.statusCode());
        assertFalse(answer.isDone());
    }

    @Test
    void anExpiredSessionIsRefusedSayingSo() throws Exception {
        start(10, Duration.ofSeconds(1));
        String[] session = signIn();
        assertEquals(
                200,
                send("GET", "/console/api/pending", null, "Cookie", session[0]).statusCode());
        Thread.sleep(1_300);
        HttpResponse<String> expired = send("GET", "/console/api/pending", null, "Cookie", session[0]);
        assertEquals(401, expired.statusCode());
        assertTrue(expired.body().contains("has expired"), expired.body());
    }

    @Test
    void aRequestNamingAnotherHostIsRefused() throws Exception {
        start(10, Duration.ofHours(1));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /console/ HTTP/1.1\r\nHost: rebound.attacker.example:" + endpoint.port()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 403"), response);
            assertTrue(response.contains("the console answers only as http://127.0.0.1:"), response);
        }
    }

    @Test
    void aFloodOfRequestsIsBoundedAndTheOldestAreRefusedFirst() throws Exception {
        start(1_000, Duration.ofHours(1));
        List<CompletableFuture<ApprovalVerdict>> answers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            answers.add(endpoint.submit(request("appr-" + i, GrantScope.SESSION)));
        }
        for (int i = 0; i < 9_000; i++) {
            ApprovalVerdict verdict = answers.get(i).getNow(null);
            assertEquals(Approval.DENIED, verdict.status(), "request " + i);
            assertTrue(verdict.reason().contains("the oldest are refused first"), verdict.reason());
        }
        for (int i = 9_000; i < 10_000; i++) {
            assertNull(answers.get(i).getNow(null), "request " + i + " still waits");
        }
        String[] session = signIn();
        JsonNode listed = JSON.readTree(
                send("GET", "/console/api/pending", null, "Cookie", session[0]).body());
        assertEquals(1_000, listed.path("pending").size());
        assertEquals("appr-9000", listed.path("pending").get(0).path("id").asText(), "oldest first");
        HttpResponse<String> late = send(
                "POST",
                "/console/api/approvals/appr-0/approve",
                "{\"reason\": \"x\"}",
                "Cookie",
                session[0],
                "X-Toolgate-CSRF",
                session[1],
                "Origin",
                origin());
        assertEquals(409, late.statusCode());
        assertTrue(late.body().contains("too many requests were waiting"), late.body());
    }
}
