package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.e2e.apps.provenance.Lc4jProvenanceApp;
import dev.toolgate.e2e.apps.provenance.SpringAiProvenanceApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Provenance through the agent jar: an address an injected tool result planted is not mailed without a person,
 * while the address the user typed is, with real LangChain4j and Spring AI code and with the sample app's
 * API-declared request.
 */
class ProvenanceIT {

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void langChain4jMailToAnAddressFromAToolResultIsStoppedAndTheUsersAddressRuns(Jdks.Jdk jdk) throws Exception {
        JvmRun run = runWithTheProvenancePolicy(jdk, "provenance-lc4j", Lc4jProvenanceApp.class);
        String out = run.stdout();
        assertTrue(out.contains("RAN prov-inbox read_inbox"), run.describe());
        assertFalse(
                out.contains("eve@attacker.example\",\"body"), "the injected address was mailed\n" + run.describe());
        assertTrue(out.contains("RAN prov-inbox send_email {\"to\":\"bob@corp.example\""), run.describe());
        assertTrue(
                out.contains("argument 'to' of external tool 'send_email' is derived from untrusted data:"
                        + " 'eve@attacker.example' appears in an earlier result (the result of 'read_inbox'"),
                run.describe());

        AuditLine inbox = run.audit(line -> "tool_result".equals(line.eventType())
                        && "read_inbox".equals(line.tool())
                        && "prov-inbox".equals(line.text("session_id")))
                .get(0);
        List<AuditLine> mails = run.decisionsAbout("send_email").stream()
                .filter(line -> "prov-inbox".equals(line.text("session_id")))
                .toList();
        assertEquals(2, mails.size(), run.describe());
        AuditLine refused = mails.get(0);
        assertEquals("deny", refused.decision());
        JsonNode found = refused.json().get("provenance");
        assertEquals("to", found.get("argument").asText());
        assertEquals("untrusted", found.get("label").asText());
        assertEquals("provenance.untrusted", found.get("rule").asText());
        assertEquals("read_inbox", found.get("source_tool").asText());
        assertEquals(inbox.text("seq"), found.get("source_seq").asText(), "the seq of the inbox result");
        assertEquals(
                1,
                run.audit(line -> "approval_requested".equals(line.eventType())
                                && line.json().has("provenance")
                                && "prov-inbox".equals(line.text("session_id")))
                        .size());
        AuditLine sent = mails.get(1);
        assertEquals("allow", sent.decision());
        assertEquals("auto", sent.text("approval_status"));
        assertEquals("trusted", sent.json().get("provenance").get("label").asText());

        // A 16 MB binary result: indexed in bounded time, and the conversation is unsure from then on: the
        // user's address still runs, an address found nowhere goes to a person (refused without a channel).
        assertTrue(out.contains("RAN prov-huge download"), run.describe());
        assertTrue(out.contains("RAN prov-huge send_email {\"to\":\"bob@corp.example\""), run.describe());
        assertFalse(out.contains("RAN prov-huge send_email {\"to\":\"carol@corp.example\""), run.describe());
        assertTrue(out.contains("'carol@corp.example' is not in trusted content and"), run.describe());
        assertEquals("0", run.stopLine().text("internal_errors"));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void springAiMailToAnAddressFromAToolResultIsStoppedAndTheUsersAddressRuns(Jdks.Jdk jdk) throws Exception {
        JvmRun run = runWithTheProvenancePolicy(jdk, "provenance-spring", SpringAiProvenanceApp.class);
        String out = run.stdout();
        assertTrue(out.contains("RAN spring read_inbox"), run.describe());
        assertTrue(out.contains("MODEL-SAW read_inbox: "), "the model read the injected inbox\n" + run.describe());
        assertFalse(out.contains("RAN spring send_email eve@attacker.example"), run.describe());
        assertTrue(out.contains("RAN spring send_email bob@corp.example"), run.describe());
        assertTrue(
                out.contains("argument 'to' of external tool 'send_email' is derived from untrusted data:"
                        + " 'eve@attacker.example' appears in an earlier result (the result of 'read_inbox'"),
                "the model is told why\n" + run.describe());

        AuditLine inbox = run.audit(line -> "tool_result".equals(line.eventType())
                        && "read_inbox".equals(line.tool())
                        && "spring-prov".equals(line.text("session_id")))
                .get(0);
        List<AuditLine> mails = run.decisionsAbout("send_email").stream()
                .filter(line -> "spring-prov".equals(line.text("session_id")))
                .toList();
        assertEquals(2, mails.size(), run.describe());
        AuditLine refused = mails.get(0);
        assertEquals("deny", refused.decision());
        JsonNode found = refused.json().get("provenance");
        assertEquals("to", found.get("argument").asText());
        assertEquals("provenance.untrusted", found.get("rule").asText());
        assertEquals("read_inbox", found.get("source_tool").asText());
        assertEquals(inbox.text("seq"), found.get("source_seq").asText(), "the seq of the inbox result");
        AuditLine sent = mails.get(1);
        assertEquals("allow", sent.decision());
        assertEquals("auto", sent.text("approval_status"), "the user typed bob's address into the Prompt");
        assertEquals("trusted", sent.json().get("provenance").get("label").asText());
        assertEquals("0", run.stopLine().text("internal_errors"));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void theSampleAppsInjectedMailSessionIsStoppedByProvenanceNotByADenyList(Jdks.Jdk jdk) throws Exception {
        Path sample = ForkedJvm.projectDir().resolve("sample-app/target/toolgate-sample-app.jar");
        JvmRun run = ForkedJvm.on(jdk)
                .agent("policy=" + ForkedJvm.projectDir().resolve("policies/agents.yaml"))
                .main("-jar", sample.toString(), "provenance")
                .run();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(out.contains("TOOL-RAN api_get"), run.describe());
        assertFalse(out.contains("TOOL-RAN send_email eve@attacker.example"), run.describe());
        assertTrue(out.contains("TOOL-RAN send_email alice@corp.example"), run.describe());
        AuditLine page = run.audit(line -> "tool_result".equals(line.eventType()) && "api_get".equals(line.tool()))
                .get(0);
        AuditLine refused = run.decisionsAbout("send_email").get(0);
        assertEquals("deny", refused.decision());
        assertEquals(
                "roles.mail_assistant.provenance.untrusted",
                refused.json().get("provenance").get("rule").asText());
        assertEquals(
                page.text("seq"),
                refused.json().get("provenance").get("source_seq").asText());
        assertEquals("auto", run.decisionsAbout("send_email").get(1).text("approval_status"));
    }

    /** Runs {@code app} with the agent and the apps' provenance policy; it must finish and say DONE. */
    private static JvmRun runWithTheProvenancePolicy(Jdks.Jdk jdk, String name, Class<?> app) throws Exception {
        Path dir = ForkedJvm.freshWorkDir(name);
        Path policy = Policies.write(dir, "policy.yaml", Lc4jProvenanceApp.POLICY);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .timeoutSeconds(120)
                .agent("policy=" + policy + ",role=assistant")
                .main(app.getName())
                .run();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("DONE"), run.describe());
        return run;
    }
}
