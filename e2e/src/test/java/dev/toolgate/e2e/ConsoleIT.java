package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.e2e.apps.approval.ApprovalApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web approval console in a real browser: Playwright (e2e/browser, from npm) drives Debian's Chromium,
 * headless, against the real agent in a forked JVM whose calls wait on the endpoint channel. The script reports
 * what the pages showed; this test checks that against what the tool bodies did and what the audit log says.
 */
class ConsoleIT {

    private static final Path BROWSER = Path.of("browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIL_BODY =
            "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script> key AKIAABCDEFGHIJKLMNOP";

    private static final String POLICY = """
            approval:
              timeout: 60s
            tools:
              send_email: {risk: external, exfiltration: approve}
            roles:
              ops:
                allowed_tools: [kubectl_get, kubectl_delete, send_email]
                approval:
                  rules:
                    - id: short-fuse
                      tools: [kubectl_delete]
                      when: {name: expire-me}
                      action: approve
                      timeout: 3s
                    - id: once-only
                      tools: [kubectl_delete]
                      when: {name: once-only}
                      action: approve
                      max_grant: once
                    - id: pods
                      tools: [kubectl_delete]
                      when: {name: "pod-*"}
                      action: approve
                      timeout: 20s
            """;

    @BeforeAll
    static void aBrowserIsInstalled() {
        assertTrue(
                Files.isExecutable(CHROMIUM),
                "the console tests drive Debian's Chromium: apt-get install -y chromium (.ci/run does)");
        assertTrue(
                Files.isDirectory(BROWSER.resolve("node_modules/playwright-core")),
                "the console tests need Playwright: npm ci --prefix e2e/browser (.ci/run does)");
    }

    /** What the browser script reported, by observation name. */
    private record Observed(Map<String, JsonNode> results, String output) {

        JsonNode get(String name) {
            JsonNode value = results.get(name);
            if (value == null) {
                throw new AssertionError("the browser script reported no '" + name + "':\n" + output);
            }
            return value;
        }

        String text(String name) {
            return get(name).asText();
        }
    }

    private static Observed drive(String mode, String url, String token, Path markers) throws Exception {
        Path screenshots = Path.of("target", "console-screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        Path log = Files.createTempFile(markers, "browser", ".log");
        ProcessBuilder builder = new ProcessBuilder("node", "console-test.mjs")
                .directory(BROWSER.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MODE", mode);
        builder.environment().put("CONSOLE_URL", url);
        builder.environment().put("CONSOLE_TOKEN", token);
        builder.environment().put("MARKER_DIR", markers.toAbsolutePath().toString());
        builder.environment().put("SCREENSHOT_DIR", screenshots.toString());
        Process node = builder.start();
        if (!node.waitFor(300, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor();
            throw new AssertionError("the browser script did not finish within 300 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Map<String, JsonNode> results = new HashMap<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("RESULT ")) {
                JsonNode result = JSON.readTree(line.substring("RESULT ".length()));
                results.put(result.path("name").asText(), result.path("value"));
            }
        }
        assertEquals(0, node.exitValue(), "the browser script failed:\n" + output);
        return new Observed(results, output);
    }

    private static String consoleUrl(RunningJvm jvm) throws IOException, InterruptedException {
        String stderr = jvm.awaitOutput("console: http://127.0.0.1:", true, 60);
        Matcher port = Pattern.compile("console: http://127\\.0\\.0\\.1:(\\d+)/console/")
                .matcher(stderr);
        assertTrue(port.find(), stderr);
        return "http://127.0.0.1:" + port.group(1);
    }

    @Test
    void approveDenyExpireRevokeAndRaceInARealBrowser() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("console-browser");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        RunningJvm jvm = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=endpoint")
                .main(
                        ApprovalApp.class.getName(),
                        "kubectl_get:production:web",
                        "send_email:ann@corp.example:" + MAIL_BODY,
                        "kubectl_delete:production:web",
                        "kubectl_delete:production:web",
                        "wait:revoked",
                        "kubectl_delete:production:web",
                        "kubectl_delete:production:expire-me",
                        "kubectl_delete:production:once-only",
                        "flood:500",
                        "wait:flooded",
                        "kubectl_delete:production:after-flood",
                        "wait:browser-done")
                .start();
        String url = consoleUrl(jvm);
        String token = Files.readString(dir.resolve("toolgate-approval.token")).trim();
        Observed seen = drive("main", url, token, dir);
        JvmRun run = jvm.finish();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());

        // No session, a wrong token.
        assertEquals(401, seen.get("no_session_status").asInt());
        assertTrue(seen.text("wrong_token_message").contains("not the approval endpoint's token"), seen.output());
        assertEquals(0, seen.get("wrong_token_cookies").asInt());
        assertTrue(seen.get("wrong_token_console_hidden").asBoolean());
        assertTrue(seen.get("cookie").path("httpOnly").asBoolean());
        assertEquals("Strict", seen.get("cookie").path("sameSite").asText());
        assertFalse(seen.get("cookie").path("inUrl").asBoolean());

        // The payload is shown as text, nothing of it runs, and the key is redacted.
        assertTrue(seen.get("xss").isNull(), seen.output());
        assertEquals(0, seen.get("injected_elements").asInt());
        assertTrue(seen.text("arguments_text").contains("<img src=x onerror="), seen.text("arguments_text"));
        assertTrue(seen.text("arguments_text").contains("[REDACTED:aws-access-key]"), seen.text("arguments_text"));
        assertFalse(seen.get("page_has_key").asBoolean());

        // A cross-origin page cannot answer, though the browser holds a session.
        assertEquals("blocked", seen.text("cross_origin_fetch"));
        assertEquals(403, seen.get("cross_origin_form_status").asInt());
        assertTrue(seen.text("cross_origin_form_body").contains("cross-origin request refused"), seen.output());
        assertTrue(seen.get("mail_still_pending").asBoolean());
        assertEquals("Denied by alice.", seen.text("mail_denied"));
        assertTrue(out.contains("CALL send_email ann@corp.example " + MAIL_BODY + " REFUSED"), run.describe());
        assertFalse(out.contains("BODY send_email"), run.describe());
        AuditLine mail = run.decisionsAbout("send_email").get(0);
        assertEquals("denied", mail.text("approval_status"));
        assertEquals("alice", mail.text("approver"));
        assertTrue(mail.text("reason").contains("not to that address"), mail.toString());

        // Approved for the session, the identical call runs unasked; revoked, it asks again.
        assertEquals("Approved by alice.", seen.text("web_approved"));
        assertEquals(1, seen.get("grants_listed").asInt());
        assertTrue(seen.text("revoked").contains("Grant revoked"), seen.output());
        assertEquals(0, seen.get("grants_after_revoke").asInt());
        List<AuditLine> revoked = run.audit(line -> "grant_revoked".equals(line.eventType()));
        assertEquals(1, revoked.size(), run.audit().toString());
        assertEquals("alice", revoked.get(0).text("revoked_by"));
        assertEquals("session", revoked.get(0).text("grant_scope"));
        assertEquals("kubectl_delete", revoked.get(0).text("grant_tool"));
        assertEquals("alice", revoked.get(0).text("grant_approver"));
        List<AuditLine> web = run.decisionsAbout("kubectl_delete").stream()
                .filter(line ->
                        "web".equals(line.json().path("params").path("name").asText()))
                .toList();
        assertEquals(3, web.size(), web.toString());
        assertEquals("approved", web.get(0).text("approval_status"));
        assertEquals("alice", web.get(0).text("approver"));
        assertEquals("approved", web.get(1).text("approval_status"));
        assertTrue(
                web.get(1).text("reason").contains("approved by alice for the session"),
                web.get(1).toString());
        assertEquals(
                2,
                run.audit(line -> "approval_requested".equals(line.eventType())
                                && "web"
                                        .equals(line.json()
                                                .path("params")
                                                .path("name")
                                                .asText()))
                        .size(),
                "the grant's call asked nobody; the call after the revocation asked again");

        // Two browsers at once: exactly one answer counts, the other is told it came too late.
        String alice = seen.get("race").path("alice").asText();
        String bob = seen.get("race").path("bob").asText();
        boolean aliceWon = alice.equals("Approved by alice.");
        assertTrue(
                aliceWon
                        ? bob.contains("already answered (approved by alice)")
                        : alice.contains("already answered (denied by bob)") && bob.equals("Denied by bob."),
                alice + " | " + bob);
        AuditLine raced = web.get(2);
        assertEquals(aliceWon ? "approved" : "denied", raced.text("approval_status"));
        assertEquals(aliceWon ? "alice" : "bob", raced.text("approver"));
        assertEquals(aliceWon ? 3 : 2, countLines(out, "CALL kubectl_delete production web RAN"), run.describe());
        assertEquals(aliceWon ? 3 : 2, countLines(out, "BODY kubectl_delete production/web"), run.describe());

        // Nobody answered in time: the row went away, the late answer was refused, the call did not run.
        assertTrue(seen.text("expired_detail").contains("no longer pending"), seen.text("expired_detail"));
        assertEquals(409, seen.get("expired_answer").path("status").asInt());
        assertTrue(seen.get("expired_answer").path("body").asText().contains("already answered (expired)"));
        assertTrue(out.contains("CALL kubectl_delete production expire-me REFUSED"), run.describe());
        assertFalse(out.contains("BODY kubectl_delete production/expire-me"), run.describe());
        assertEquals("timed_out", decision(run, "expire-me").text("approval_status"));

        // max_grant once: the page offers nothing wider and the endpoint refuses a forged wider grant.
        assertEquals(List.of("once"), JSON.convertValue(seen.get("once_only_grants"), List.class));
        assertEquals(400, seen.get("once_only_forged").path("status").asInt());
        assertTrue(seen.get("once_only_forged").path("body").asText().contains("max_grant: once"));
        assertEquals("Approved by alice.", seen.text("once_only_approved"));
        assertTrue(out.contains("CALL kubectl_delete production once-only RAN"), run.describe());
        assertTrue(seen.get("decisions_listed").asInt() >= 6, seen.output());

        // Live: each request in the page within a second of its creation, also the one made while 500 wait.
        for (String latency :
                List.of("latency_web_ms", "latency_expire_ms", "latency_once_ms", "latency_after_500_ms")) {
            assertTrue(seen.get(latency).asLong() <= 1_000, latency + " = " + seen.get(latency) + " ms");
        }
        assertEquals("Approved by alice.", seen.text("after_flood_approved"));
        assertTrue(out.contains("CALL kubectl_delete production after-flood RAN"), run.describe());
        // The page showed the session's history: the read and the refused mail before the deletion.
        assertEquals(2, seen.get("session_calls_shown").size(), seen.output());
        assertTrue(seen.get("session_calls_shown").get(0).asText().contains("send_email"), seen.output());
        assertEquals(500, seen.get("rows_500").asInt());
        assertEquals(500, countLines(out, "production pod-"), run.describe());
        assertEquals(
                500,
                out.lines()
                        .filter(l -> l.contains("production pod-") && l.contains("REFUSED"))
                        .count());
        assertFalse(out.contains("BODY kubectl_delete production/pod-"), "no pod was answered, none was deleted");
        System.out.println("console figures: "
                + Map.of(
                        "latency_web_ms",
                        seen.get("latency_web_ms"),
                        "latency_expire_ms",
                        seen.get("latency_expire_ms"),
                        "latency_once_ms",
                        seen.get("latency_once_ms"),
                        "latency_500_max_ms",
                        seen.get("latency_500_max_ms"),
                        "latency_after_500_ms",
                        seen.get("latency_after_500_ms"),
                        "listed_500_after_ms",
                        seen.get("listed_500_after_ms")));
    }

    @Test
    void anExpiredSessionSignsTheBrowserOut() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("console-expiry");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        RunningJvm jvm = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=ops,approval.channel=endpoint,approval.timeout=10s,"
                        + "approval.endpoint.session.timeout=3s")
                .main(ApprovalApp.class.getName(), "kubectl_delete:production:web")
                .start();
        String url = consoleUrl(jvm);
        String token = Files.readString(dir.resolve("toolgate-approval.token")).trim();
        Observed seen = drive("expiry", url, token, dir);
        assertTrue(seen.text("expired_message").contains("expired"), seen.output());
        assertTrue(seen.get("expired_after_ms").asLong() < 10_000, seen.output());
        assertEquals(401, seen.get("expired_status").path("status").asInt());
        // The cookie ended with the session (Max-Age), so the browser no longer sends one at all.
        assertTrue(seen.get("expired_status").path("body").asText().contains("sign in"), seen.output());
        JvmRun run = jvm.finish();
        assertTrue(run.stdout().contains("CALL kubectl_delete production web REFUSED"), run.describe());
        assertFalse(run.stdout().contains("BODY kubectl_delete"), run.describe());
    }

    private static long countLines(String out, String text) {
        return out.lines().filter(line -> line.contains(text)).count();
    }

    private static AuditLine decision(JvmRun run, String name) {
        return run.decisionsAbout("kubectl_delete").stream()
                .filter(line ->
                        name.equals(line.json().path("params").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no decision about " + name + " in " + run.audit()));
    }
}
