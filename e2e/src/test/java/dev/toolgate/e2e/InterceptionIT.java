package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.paths.InterceptionApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate holds however a tool method is reached, on Java 17 and Java 25. */
class InterceptionIT {

    private static final String POLICY = """
            roles:
              path_tester:
                allowed_tools: [allowed_read, static_read, bridged_read, forbidden_delete]
                denied_tools: [forbidden_delete, wipe, legacy_purge]
            tools:
              allowed_read: {risk: read}
            instrument:
              - class: dev.toolgate.e2e.apps.paths.Legacy*
                methods: ["purge*"]
                tool: legacy_purge
                risk: delete
            """;

    private static final List<String> WAYS =
            List.of("direct", "reflection", "method-handle", "method-reference", "other-thread");

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void everyWayOfCallingIsGated(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("interception");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .agent("policy=" + policy + ",role=path_tester")
                .main(InterceptionApp.class.getName())
                .run();
        String out = run.stdout();
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(out.contains("DONE"), run.describe());

        List<String> ways = jdk.feature() >= 21 ? concat(WAYS, "virtual-thread") : WAYS;
        for (String way : ways) {
            assertTrue(out.contains("PATH " + way + " allowed_read RAN read:/"), way + "\n" + run.describe());
            assertTrue(
                    out.contains("PATH " + way + " forbidden_delete REFUSED Toolgate denied tool 'forbidden_delete'"
                            + " for role 'path_tester': tool 'forbidden_delete' is in denied_tools"),
                    way + "\n" + run.describe());
        }
        assertFalse(out.contains("BODY forbidden_delete"), "a refused tool body ran\n" + run.describe());
        assertTrue(out.contains("PATH child-loader forbidden_delete REFUSED"), run.describe());
        assertTrue(out.contains("PATH static static_read RAN"), run.describe());
        assertTrue(out.contains("PATH meta-annotation wipe REFUSED"), run.describe());
        assertFalse(out.contains("BODY wipe"), run.describe());
        assertTrue(out.contains("PATH policy-selected legacy_purge REFUSED"), run.describe());
        assertFalse(out.contains("BODY legacy_purge"), run.describe());
        assertTrue(out.contains("PATH not-a-tool legacy_status RAN"), run.describe());

        // One decision and one result per call: the bridge method is not gated a second time.
        assertEquals(
                ways.size(),
                run.decisionsAbout("allowed_read").size(),
                run.audit().toString());
        assertEquals(
                ways.size(),
                run.audit(line -> "tool_result".equals(line.eventType()) && "allowed_read".equals(line.tool()))
                        .size());
        assertEquals(1, run.decisionsAbout("bridged_read").size());
        assertEquals(
                ways.size() + 1,
                run.decisionsAbout("forbidden_delete").stream()
                        .filter(line -> "deny".equals(line.decision()))
                        .count());
        assertTrue(run.decisionsAbout("legacy_status").isEmpty());
        AuditLine legacy = run.decisionsAbout("legacy_purge").get(0);
        assertEquals("delete", legacy.text("risk_level"));
        assertEquals("eu", legacy.json().get("params").get("region").asText());
        assertEquals("0", run.stopLine().text("internal_errors"));
    }

    private static List<String> concat(List<String> list, String extra) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(extra))
                .toList();
    }
}
