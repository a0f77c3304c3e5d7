package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.e2e.apps.approval.ApprovalApp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Approval requests and alerts signed the Standard Webhooks way, and approval replies that must be signed and
 * bound to their request, against real HTTP servers with the real agent in forked JVMs.
 */
class SignedWebhooksIT {

    private static final String POLICY = """
            roles:
              ops:
                allowed_tools: [kubectl_get, kubectl_delete, send_email]
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_SECRET = "whsec_"
            + Base64.getEncoder().encodeToString("a key the agent does not have".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A reply as sent: the body and the headers that came with it. */
    private record Reply(byte[] body, Map<String, String> headers) {}

    private URI serve(String path, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static byte[] answer(JsonNode request, boolean approved, String reason) {
        return ("{\"id\": \"" + request.path("id").asText() + "\", \"arguments_sha256\": \""
                        + request.path("arguments_sha256").asText() + "\", \"approved\": " + approved
                        + ", \"approver\": \"oncall-alice\", \"reason\": \"" + reason + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(200, reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static Map<String, String> signed(String secret, String id, byte[] body) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return Map.of(
                "webhook-id",
                id,
                "webhook-timestamp",
                timestamp,
                "webhook-signature",
                StandardWebhooks.signature(secret, id, timestamp, body));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void onlyASignedReplyBoundToItsRequestApproves(Jdks.Jdk jdk) throws Exception {
        List<Boolean> requestsSigned = new CopyOnWriteArrayList<>();
        AtomicReference<Reply> firstReply = new AtomicReference<>();
        URI webhook = serve("/approvals", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requestsSigned.add(StandardWebhooks.verifies(exchange.getRequestHeaders(), body));
            JsonNode request = JSON.readTree(body);
            String id = request.path("id").asText();
            byte[] yes = answer(request, true, "reviewed");
            Reply reply = switch (request.path("params").path("name").asText()) {
                case "signed" -> new Reply(yes, signed(StandardWebhooks.SECRET, id, yes));
                case "unsigned" -> new Reply(yes, Map.of());
                case "wrong-key" -> new Reply(yes, signed(OTHER_SECRET, id, yes));
                // The first call's approval, signed and valid, replayed for this one.
                case "replayed" -> firstReply.get();
                case "twice" -> {
                    byte[] both = (new String(answer(request, false, "no"), StandardCharsets.UTF_8)
                                    + new String(yes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                    yield new Reply(both, signed(StandardWebhooks.SECRET, id, both));
                }
                case "slow" -> {
                    try {
                        Thread.sleep(4_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield new Reply(yes, signed(StandardWebhooks.SECRET, id, yes));
                }
                default -> throw new IllegalStateException(request.toString());
            };
            firstReply.compareAndSet(null, reply);
            send(exchange, reply);
        });
        Path dir = ForkedJvm.freshWorkDir("signed-webhook-replies");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=webhook,approval.timeout=2s,"
                        + "approval.webhook.url=" + webhook)
                .env("TOOLGATE_APPROVAL_WEBHOOK_SECRET", StandardWebhooks.SECRET)
                .main(
                        ApprovalApp.class.getName(),
                        "kubectl_delete:production:signed",
                        "kubectl_delete:production:unsigned",
                        "kubectl_delete:production:wrong-key",
                        "kubectl_delete:production:replayed",
                        "kubectl_delete:production:twice",
                        "kubectl_delete:production:slow")
                .run();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(List.of(true, true, true, true, true, true), requestsSigned, "every request is signed");
        assertTrue(out.contains("CALL kubectl_delete production signed RAN"), run.describe());
        assertTrue(out.contains("BODY kubectl_delete production/signed"), run.describe());
        Map<String, String> why = Map.of(
                "unsigned", "lacks the webhook-id, webhook-timestamp and webhook-signature headers",
                "wrong-key", "webhook-signature holds no valid v1 signature of this body under the shared secret",
                "replayed", "is not '",
                "twice", "is not exactly one JSON object",
                "slow", "and none came: ");
        for (Map.Entry<String, String> refused : why.entrySet()) {
            String name = refused.getKey();
            assertTrue(out.contains("CALL kubectl_delete production " + name + " REFUSED"), name + run.describe());
            assertFalse(out.contains("BODY kubectl_delete production/" + name), name + run.describe());
            AuditLine decision = decision(run, name);
            assertEquals("deny", decision.decision(), decision.toString());
            assertTrue(decision.text("reason").contains(refused.getValue()), name + ": " + decision.text("reason"));
        }
        assertEquals("approved", decision(run, "signed").text("approval_status"));
        assertEquals("timed_out", decision(run, "slow").text("approval_status"));
        assertEquals("oncall-alice", decision(run, "signed").text("approver"));
        assertTrue(
                decision(run, "unsigned").text("reason").contains("not authenticated, so it cannot approve"),
                decision(run, "unsigned").toString());
        assertEquals("0", run.stopLine().text("internal_errors"));
    }

    @Test
    void theLegacyHeaderIsKeptForOldReceiversAndItsRepliesAreSignedTheOldWay() throws Exception {
        String secret = "old-shared-secret";
        List<Boolean> requestsSigned = new CopyOnWriteArrayList<>();
        URI webhook = serve("/approvals", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requestsSigned.add(("sha256=" + hexHmac(secret, body))
                            .equals(exchange.getRequestHeaders().getFirst("X-Toolgate-Signature"))
                    && exchange.getRequestHeaders().getFirst("webhook-signature") == null);
            JsonNode request = JSON.readTree(body);
            boolean sign = !request.path("params").path("name").asText().equals("unsigned");
            byte[] yes = answer(request, true, "legacy receiver");
            send(
                    exchange,
                    new Reply(yes, sign ? Map.of("X-Toolgate-Signature", "sha256=" + hexHmac(secret, yes)) : Map.of()));
        });
        JvmRun run = webhookRun(
                "signed-webhook-legacy",
                "approval.webhook.signature=legacy,approval.webhook.url=" + webhook,
                secret,
                "kubectl_delete:production:old",
                "kubectl_delete:production:unsigned");
        assertEquals(List.of(true, true), requestsSigned, run.describe());
        assertTrue(run.stdout().contains("CALL kubectl_delete production old RAN"), run.describe());
        assertTrue(run.stdout().contains("CALL kubectl_delete production unsigned REFUSED"), run.describe());
        assertTrue(
                decision(run, "unsigned").text("reason").contains("it has no X-Toolgate-Signature header"),
                decision(run, "unsigned").toString());
    }

    @Test
    void alertsAreSignedEachUnderItsOwnId() throws Exception {
        List<Boolean> verified = new CopyOnWriteArrayList<>();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        URI alerts = serve("/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            verified.add(StandardWebhooks.verifies(exchange.getRequestHeaders(), body)
                    && ids.add(exchange.getRequestHeaders().getFirst("webhook-id")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        Path dir = ForkedJvm.freshWorkDir("signed-alerts");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,alert.webhook.url=" + alerts)
                .env("TOOLGATE_ALERT_WEBHOOK_SECRET", StandardWebhooks.SECRET)
                .main(ApprovalApp.class.getName(), "kubectl_delete:production:a", "send_email:x@evil.example:hi")
                .run();
        assertEquals(0, run.exitCode(), run.describe());
        for (int i = 0; i < 100 && verified.size() < 2; i++) {
            Thread.sleep(50);
        }
        assertEquals(List.of(true, true), verified, "both alerts verify, under distinct ids: " + ids);
    }

    @Test
    void plainHttpToAnotherHostIsRefusedUnlessExplicitlyAllowed() throws Exception {
        JvmRun approval = webhookRun(
                "signed-webhook-http",
                "approval.webhook.url=http://approvals.invalid/hook",
                StandardWebhooks.SECRET,
                "kubectl_get:production:web");
        assertTrue(approval.stdout().contains("CALL kubectl_get production web REFUSED"), approval.describe());
        assertTrue(
                approval.stdout().contains("'http://approvals.invalid/hook' is plain http:// to another host"),
                approval.describe());
        assertTrue(approval.stdout().contains("toolgate.approval.webhook.allow.http"), approval.describe());

        Path dir = ForkedJvm.freshWorkDir("signed-webhook-http-policies");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        Path allowing = Policies.write(dir, "allowing.yaml", """
                approval:
                  webhook: {url: "http://approvals.invalid/hook", allow_http: true}
                """ + POLICY);
        JvmRun allowed = ForkedJvm.on(Jdks.current())
                .workDir(ForkedJvm.freshWorkDir("signed-webhook-http-allowed"))
                .withTestClassPath()
                .agent("policy=" + allowing + ",role=ops,approval.channel=webhook")
                .env("TOOLGATE_APPROVAL_WEBHOOK_SECRET", StandardWebhooks.SECRET)
                .main(ApprovalApp.class.getName(), "kubectl_get:production:web", "kubectl_delete:production:web")
                .run();
        assertTrue(allowed.stdout().contains("CALL kubectl_get production web RAN"), allowed.describe());
        assertTrue(allowed.stdout().contains("CALL kubectl_delete production web REFUSED"), allowed.describe());
        assertTrue(allowed.stdout().contains("could not be reached"), allowed.describe());

        JvmRun alerts = ForkedJvm.on(Jdks.current())
                .workDir(ForkedJvm.freshWorkDir("signed-alerts-http"))
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,alert.webhook.url=http://hooks.invalid/t")
                .main(ApprovalApp.class.getName(), "kubectl_get:production:web")
                .run();
        assertTrue(alerts.stdout().contains("CALL kubectl_get production web REFUSED"), alerts.describe());
        assertTrue(alerts.stdout().contains("plain http:// to another host"), alerts.describe());
    }

    /** A JVM of the approval app with the webhook channel and {@code settings}, making {@code calls}. */
    private static JvmRun webhookRun(String name, String settings, String secret, String... calls) throws Exception {
        Path dir = ForkedJvm.freshWorkDir(name);
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        return ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=webhook," + settings)
                .env("TOOLGATE_APPROVAL_WEBHOOK_SECRET", secret)
                .main(ApprovalApp.class.getName(), calls)
                .run();
    }

    private static String hexHmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditLine decision(JvmRun run, String name) {
        return run.decisionsAbout("kubectl_delete").stream()
                .filter(line ->
                        name.equals(line.json().path("params").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no decision about " + name + " in " + run.audit()));
    }
}
