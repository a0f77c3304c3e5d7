package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.visibility.VisibilityApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tools a role can never call are left out of what the model is shown, by real LangChain4j and Spring AI chat
 * calls; monitor mode and {@code hide_denied_tools: false} show every tool.
 */
class ToolVisibilityIT {

    private static final String POLICY = """
            version: 1
            roles:
              ops:
                allowed_tools: [kubectl_get, shell_exec, kubectl_delete]
                denied_tools: [kubectl_delete]
              auditor:
                allowed_tools: [read_audit]
            """;

    private static JvmRun run(Jdks.Jdk jdk, String extraPolicy, String mode) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("visibility");
        Path policy = Policies.write(dir, "policy.yaml", POLICY + extraPolicy);
        return ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .timeoutSeconds(60)
                .agent("policy=" + policy + ",role=ops,mode=" + mode)
                .main(VisibilityApp.class.getName())
                .run();
    }

    private static List<String> offers(JvmRun run, String framework) {
        return run.stdout()
                .lines()
                .filter(line -> line.startsWith("OFFERED " + framework + " "))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void theModelIsNotShownToolsTheRoleCanNeverCall(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk, "", "enforce");
        String log = run.describe();
        assertEquals(0, run.exitCode(), log);
        for (String framework : List.of("lc4j", "spring")) {
            List<String> offers = offers(run, framework);
            assertEquals(6, offers.size(), log);
            offers.stream()
                    .filter(offer -> !offer.contains(" conversation-3 "))
                    .forEach(offer -> assertTrue(offer.endsWith(" kubectl_get,shell_exec"), offer + "\n" + log));
            offers.stream()
                    .filter(offer -> offer.contains(" conversation-3 "))
                    .forEach(offer -> assertTrue(
                            offer.endsWith(" conversation-3 "),
                            "a role that may call none of them is shown none: " + offer + "\n" + log));
        }
        List<AuditLine> hidden = run.audit(line -> "tools_hidden".equals(line.eventType()));
        assertEquals(3, hidden.size(), "once per session, whichever framework asked\n" + log);
        for (AuditLine line : hidden.subList(0, 2)) {
            assertEquals("[\"kubectl_delete\"]", line.json().get("hidden_tools").toString(), log);
            assertEquals("ops", line.text("role"), log);
        }
        assertEquals("auditor", hidden.get(2).text("role"), log);
        assertEquals(3, hidden.get(2).json().get("hidden_tools").size(), log);
        assertEquals(
                List.of("conversation-1", "conversation-2", "conversation-3"),
                hidden.stream().map(line -> line.text("session_id")).toList(),
                log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void monitorModeAndThePolicysChoiceShowEveryTool(Jdks.Jdk jdk) throws Exception {
        for (JvmRun run :
                List.of(run(jdk, "", "monitor"), run(jdk, "visibility:\n  hide_denied_tools: false\n", "enforce"))) {
            String log = run.describe();
            assertEquals(0, run.exitCode(), log);
            for (String framework : List.of("lc4j", "spring")) {
                offers(run, framework)
                        .forEach(offer -> assertTrue(
                                offer.endsWith(" kubectl_delete,kubectl_get,shell_exec"), offer + "\n" + log));
                assertEquals(6, offers(run, framework).size(), log);
            }
            assertTrue(
                    run.audit(line -> "tools_hidden".equals(line.eventType())).isEmpty(), log);
        }
    }
}
