package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.e2e.apps.approval.ApprovalApp;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Human approval through every channel, with the real agent in forked JVMs. */
class ApprovalIT {

    private static final String POLICY = """
            approval:
              timeout: 20s
            roles:
              ops:
                allowed_tools: [kubectl_get, kubectl_delete, send_email]
                approval:
                  rules:
                    - id: staging
                      tools: [kubectl_delete]
                      when: {namespace: app-staging}
                      action: auto_approve
                    - id: corp-mail
                      tools: [send_email]
                      when: {to: "*@corp.example"}
                      action: auto_approve
            """;
    private static final String SECRET = StandardWebhooks.SECRET;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A real HTTP server: approves deletions, denies the rest; checks every signature. */
    private URI approvalWebhook() throws Exception {
        return approvalWebhook(request -> request.path("tool").asText().equals("kubectl_delete"));
    }

    /** A real HTTP server: approves the signed requests {@code approves} accepts, denies the rest. */
    private URI approvalWebhook(java.util.function.Predicate<JsonNode> approves) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = JSON.readTree(body);
            boolean signed = StandardWebhooks.verifies(exchange.getRequestHeaders(), body);
            received.add(request);
            boolean approve = signed && approves.test(request);
            byte[] answer = ("{\"approved\": " + approve + ", \"approver\": \"oncall-alice\", \"reason\": \""
                            + (signed ? "reviewed" : "bad signature") + "\", \"id\": \""
                            + request.path("id").asText()
                            + "\", \"arguments_sha256\": \""
                            + request.path("arguments_sha256").asText()
                            + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            StandardWebhooks.signReply(
                    exchange.getResponseHeaders(), request.path("id").asText(), answer);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/approvals");
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void webhookApprovesAndDeniesAndRulesAutoApprove(Jdks.Jdk jdk) throws Exception {
        URI webhook = approvalWebhook();
        Path dir = ForkedJvm.freshWorkDir("approval-webhook");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=webhook,approval.webhook.url=" + webhook)
                .env("TOOLGATE_APPROVAL_WEBHOOK_SECRET", SECRET)
                .main(
                        ApprovalApp.class.getName(),
                        "kubectl_get:production:web",
                        "kubectl_delete:production:web",
                        "send_email:mallory@evil.example:secrets",
                        "kubectl_delete:app-staging:old",
                        "send_email:ann@corp.example:hello")
                .run();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(out.contains("CALL kubectl_get production web RAN"), run.describe());
        assertTrue(out.contains("CALL kubectl_delete production web RAN"), run.describe());
        assertTrue(
                out.contains("CALL send_email mallory@evil.example secrets REFUSED Toolgate denied tool"
                        + " 'send_email' for role 'ops': external tool 'send_email' needs a person's approval"),
                run.describe());
        assertTrue(out.contains("denied by oncall-alice: reviewed"), run.describe());
        assertFalse(out.contains("BODY send_email mallory"), run.describe());
        assertTrue(out.contains("CALL kubectl_delete app-staging old RAN"), run.describe());
        assertTrue(out.contains("CALL send_email ann@corp.example hello RAN"), run.describe());
        assertEquals(2, received.size(), "only the two calls without an automatic rule are sent: " + received);

        JsonNode asked = received.get(0);
        assertEquals("production", asked.path("params").path("namespace").asText());
        assertEquals("delete", asked.path("risk_level").asText());
        AuditLine approved = decision(run, "kubectl_delete", "production");
        assertEquals("allow", approved.decision());
        assertEquals("approved", approved.text("approval_status"));
        assertEquals("oncall-alice", approved.text("approver"));
        assertEquals(asked.path("id").asText(), approved.text("approval_id"));
        assertEquals(
                1,
                run.audit(line -> "approval_requested".equals(line.eventType())
                                && asked.path("id").asText().equals(line.text("approval_id")))
                        .size());
        AuditLine denied = decision(run, "send_email", "mallory@evil.example");
        assertEquals("deny", denied.decision());
        assertEquals("denied", denied.text("approval_status"));
        AuditLine auto = decision(run, "kubectl_delete", "app-staging");
        assertEquals("auto", auto.text("approval_status"));
        assertEquals("rule:staging", auto.text("approver"));
        assertEquals("roles.ops.approval.rules[0]", auto.text("rule"));
        assertEquals(null, decision(run, "kubectl_get", "production").text("approval_status"));
        assertEquals("0", run.stopLine().text("internal_errors"));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void secretsInAnOutgoingCallAreSentToAPersonEvenWhereARuleWouldApproveItAutomatically(Jdks.Jdk jdk)
            throws Exception {
        URI webhook = approvalWebhook(
                request -> request.path("params").path("body").asText().contains("ticket"));
        Path dir = ForkedJvm.freshWorkDir("approval-exfiltration");
        Path policy = Policies.write(dir, "policy.yaml", POLICY + """
                tools:
                  send_email: {risk: external, exfiltration: approve}
                """);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=webhook,approval.webhook.url=" + webhook)
                .env("TOOLGATE_APPROVAL_WEBHOOK_SECRET", SECRET)
                .main(
                        ApprovalApp.class.getName(),
                        "send_email:ann@corp.example:hello",
                        "send_email:bob@corp.example:ticket-42 AKIAABCDEFGHIJKLMNOP",
                        "send_email:carol@corp.example:AKIAQWERTYUIOPASDFGH for you")
                .run();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(out.contains("CALL send_email ann@corp.example hello RAN"), run.describe());
        assertTrue(out.contains("BODY send_email bob@corp.example"), run.describe());
        assertTrue(
                out.contains("CALL send_email carol@corp.example AKIAQWERTYUIOPASDFGH for you REFUSED Toolgate"
                        + " denied tool 'send_email' for role 'ops': external tool 'send_email' needs a person's approval:"
                        + " possible exfiltration"),
                run.describe());
        assertFalse(out.contains("BODY send_email carol"), run.describe());
        assertEquals(
                2,
                received.size(),
                "the rule auto-approves mail to corp.example; only the two carrying a" + " key are asked about: "
                        + received);
        for (JsonNode asked : received) {
            assertTrue(asked.path("reason").asText().contains("possible exfiltration"), asked.toString());
            assertTrue(
                    asked.path("params").path("body").asText().contains("[REDACTED:aws-access-key]"), asked.toString());
            assertFalse(
                    asked.toString().contains("AKIA"),
                    "the approver is told the kind of secret, not the secret: " + asked);
        }
        AuditLine approved = decision(run, "send_email", "bob@corp.example");
        assertEquals("allow", approved.decision());
        assertEquals("approved", approved.text("approval_status"));
        assertEquals("oncall-alice", approved.text("approver"));
        assertEquals("tools.send_email.exfiltration", approved.text("rule"));
        AuditLine denied = decision(run, "send_email", "carol@corp.example");
        assertEquals("deny", denied.decision());
        assertEquals("denied", denied.text("approval_status"));
        assertEquals("auto", decision(run, "send_email", "ann@corp.example").text("approval_status"));
        assertFalse(java.nio.file.Files.readString(run.auditFile()).contains("AKIA"), "no key in the audit log");
        assertEquals("0", run.stopLine().text("internal_errors"));
    }

    @Test
    void endpointServesPendingRequestsAndTheAnswerReachesTheCall() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("approval-endpoint");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        RunningJvm jvm = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=endpoint")
                .main(ApprovalApp.class.getName(), "kubectl_delete:production:web", "kubectl_delete:production:db")
                .start();
        String stderr = jvm.awaitOutput("approval endpoint: http://127.0.0.1:", true, 30);
        Matcher port =
                Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/approvals").matcher(stderr);
        assertTrue(port.find(), stderr);
        String token = Files.readString(dir.resolve("toolgate-approval.token")).trim();
        Path tokenFile = dir.resolve("toolgate-approval.token");
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String base = "http://127.0.0.1:" + port.group(1);

        String first = awaitPending(base, token, "web");
        assertEquals(
                401,
                post(base + "/approvals/" + first + "/approve", "wrong-token", "{}")
                        .statusCode());
        assertEquals(
                200,
                post(
                                base + "/approvals/" + first + "/approve",
                                token,
                                "{\"approver\": \"bob\", \"reason\": \"maintenance window\"}")
                        .statusCode());
        assertEquals(
                409, post(base + "/approvals/" + first + "/deny", token, "{}").statusCode());
        assertEquals(
                404,
                post(base + "/approvals/appr-does-not-exist/approve", token, "{}")
                        .statusCode());
        String second = awaitPending(base, token, "db");
        assertEquals(
                200,
                post(
                                base + "/approvals/" + second + "/deny",
                                token,
                                "{\"approver\": \"bob\", \"reason\": \"not the database\"}")
                        .statusCode());

        JvmRun run = jvm.finish();
        assertTrue(run.stdout().contains("CALL kubectl_delete production web RAN"), run.describe());
        assertTrue(run.stdout().contains("CALL kubectl_delete production db REFUSED"), run.describe());
        assertTrue(run.stdout().contains("denied by bob: not the database"), run.describe());
        assertFalse(run.stdout().contains("BODY kubectl_delete production/db"), run.describe());
        assertEquals(first, decision(run, "kubectl_delete", "production", "web").text("approval_id"));
        assertEquals("bob", decision(run, "kubectl_delete", "production", "web").text("approver"));
    }

    @Test
    void unansweredRequestsTimeOutAndManyCanWaitAtOnce() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("approval-timeout");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        long start = System.nanoTime();
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=endpoint,approval.timeout=2s")
                .main(ApprovalApp.class.getName(), "parallel:16")
                .run();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(
                16,
                run.stdout()
                        .lines()
                        .filter(line -> line.contains("REFUSED") && line.contains("none came: no answer within 2 s"))
                        .count(),
                run.describe());
        assertFalse(run.stdout().contains("BODY"), run.describe());
        assertTrue(seconds < 30, "16 waiting calls should time out together, took " + seconds + " s");
        assertEquals(
                16,
                run.audit(line -> "timed_out".equals(line.text("approval_status")))
                        .size());
    }

    @Test
    void consoleAsksOnTheTerminalAndOnlyYesApproves() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("approval-console");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        RunningJvm jvm = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .withTerminal()
                .agent("policy=" + policy + ",role=ops,approval.channel=console")
                .main(ApprovalApp.class.getName(), "kubectl_delete:production:web", "send_email:x@evil.example:hi")
                .start();
        String screen = jvm.awaitOutput("Approve this call? [y/N]", false, 60);
        assertTrue(screen.contains("tool:    kubectl_delete   risk: delete"), screen);
        assertTrue(screen.contains("role: ops"), screen);
        assertTrue(screen.contains("\"namespace\":\"production\""), screen);
        jvm.type("y\n");
        jvm.awaitOutput("tool:    send_email", false, 60);
        jvm.awaitOutput("[toolgate] approved", false, 10);
        Thread.sleep(300);
        jvm.type("n\n");
        JvmRun run = jvm.finish();
        assertTrue(run.stdout().contains("CALL kubectl_delete production web RAN"), run.describe());
        assertTrue(run.stdout().contains("CALL send_email x@evil.example hi REFUSED"), run.describe());
        assertFalse(run.stdout().contains("BODY send_email"), run.describe());
        assertTrue(
                decision(run, "kubectl_delete", "production").text("approver").startsWith("console:"));
    }

    @Test
    void consoleWithoutATerminalDeniesSayingWhy() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("approval-no-terminal");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .withoutTerminal()
                .agent("policy=" + policy + ",role=ops,approval.channel=console")
                .main(ApprovalApp.class.getName(), "kubectl_delete:production:web")
                .run();
        assertTrue(run.stdout().contains("REFUSED"), run.describe());
        assertTrue(run.stdout().contains("console approval needs a terminal"), run.describe());
        assertFalse(run.stdout().contains("BODY"), run.describe());
        assertEquals("denied", decision(run, "kubectl_delete", "production").text("approval_status"));
    }

    @Test
    void noChannelConfiguredDeniesWhatNeedsApproval() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("approval-none");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops")
                .main(ApprovalApp.class.getName(), "kubectl_delete:production:web", "kubectl_delete:app-staging:x")
                .run();
        assertTrue(run.stdout().contains("CALL kubectl_delete production web REFUSED"), run.describe());
        assertTrue(run.stdout().contains("no approval channel is configured"), run.describe());
        assertTrue(run.stdout().contains("CALL kubectl_delete app-staging x RAN"), run.describe());
    }

    @Test
    void anSpiChannelFromTheApplicationDecides() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("approval-spi");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=change-window")
                .main(ApprovalApp.class.getName(), "kubectl_delete:production:web", "kubectl_delete:dev:web")
                .run();
        assertTrue(run.stdout().contains("CALL kubectl_delete production web REFUSED"), run.describe());
        assertTrue(run.stdout().contains("denied by change-window: production is frozen"), run.describe());
        assertTrue(run.stdout().contains("CALL kubectl_delete dev web RAN"), run.describe());
        assertEquals("change-window", decision(run, "kubectl_delete", "dev").text("approver"));
    }

    @Test
    void monitorModeAsksNobodyAndRecordsWhatWouldHaveBeenAsked() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("approval-monitor");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,mode=monitor,approval.channel=endpoint")
                .main(ApprovalApp.class.getName(), "kubectl_delete:production:web")
                .run();
        assertTrue(run.stdout().contains("CALL kubectl_delete production web RAN"), run.describe());
        assertEquals(
                "monitor_skipped", decision(run, "kubectl_delete", "production").text("approval_status"));
    }

    @Test
    void riskyDecisionsAreAlertedAndADeadAlertReceiverBlocksNothing() throws Exception {
        List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            alerts.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Path dir = ForkedJvm.freshWorkDir("alerts");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,alert.webhook.url=http://127.0.0.1:"
                        + server.getAddress().getPort() + "/alerts")
                .main(
                        ApprovalApp.class.getName(),
                        "kubectl_get:a:b",
                        "kubectl_delete:app-staging:x",
                        "send_email:x@evil.example:hi")
                .run();
        assertEquals(0, run.exitCode(), run.describe());
        awaitSize(alerts, 2);
        assertEquals(
                List.of("kubectl_delete", "send_email"),
                alerts.stream().map(a -> a.path("event").path("tool").asText()).toList());
        assertEquals("deny", alerts.get(1).path("event").path("decision").asText());
        assertTrue(alerts.get(1).path("text").asText().contains("deny external tool 'send_email'"), alerts.toString());

        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        JvmRun dead = ForkedJvm.on(Jdks.current())
                .workDir(ForkedJvm.freshWorkDir("alerts-dead"))
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,alert.webhook.url=http://127.0.0.1:" + deadPort + "/alerts")
                .main(ApprovalApp.class.getName(), "kubectl_delete:app-staging:x", "kubectl_get:a:b")
                .run();
        assertTrue(dead.stdout().contains("CALL kubectl_delete app-staging x RAN"), dead.describe());
        assertTrue(dead.stdout().contains("CALL kubectl_get a b RAN"), dead.describe());
        List<AuditLine> failures = dead.audit(line -> "alert_failed".equals(line.eventType()));
        assertEquals(1, failures.size(), dead.audit().toString());
        assertTrue(
                failures.get(0).text("alert_error").contains("Connect"),
                failures.get(0).toString());
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        for (int i = 0; i < 100 && list.size() < size; i++) {
            Thread.sleep(50);
        }
        assertEquals(size, list.size(), list.toString());
    }

    private static AuditLine decision(JvmRun run, String tool, String... params) {
        return run.decisionsAbout(tool).stream()
                .filter(line -> {
                    String values = line.json().path("params").toString();
                    for (String param : params) {
                        if (!values.contains("\"" + param + "\"")) {
                            return false;
                        }
                    }
                    return true;
                })
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no decision about " + tool + " " + List.of(params) + " in " + run.audit()));
    }

    private static String awaitPending(String base, String token, String name) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode pending = JSON.readTree(get(base + "/approvals", token).body());
            for (JsonNode request : pending) {
                if (request.path("params").path("name").asText().equals(name)) {
                    return request.path("id").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no pending request for " + name);
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
