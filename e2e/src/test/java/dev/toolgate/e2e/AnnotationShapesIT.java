package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.shapes.ShapesApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tool methods are found as the frameworks find them: annotations on interfaces, on abstract and concrete
 * superclasses, on generic interfaces, and through meta-annotations at any depth, for Toolgate's, LangChain4j's
 * and Spring AI's annotations, decided from class files by name.
 */
class AnnotationShapesIT {

    private static final String POLICY = """
            version: 1
            roles:
              shapes:
                allowed_tools: [agent_super_read]
                denied_tools: ["*_delete"]
            """;

    private static final List<String> SHAPES = List.of(
            "agent_iface_delete",
            "agent_abstract_delete",
            "agent_super_delete",
            "agent_generic_delete",
            "agent_meta2_delete",
            "agent_meta3_delete",
            "lc4j_iface_delete",
            "lc4j_abstract_delete",
            "lc4j_super_delete",
            "lc4j_generic_delete",
            "spring_iface_delete",
            "spring_abstract_delete",
            "spring_super_delete",
            "spring_generic_delete",
            "spring_meta2_delete",
            "spring_meta3_delete");

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void everyShapeTheFrameworksFindIsGated(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("shapes");
        Path policy = Policies.write(dir, "policy.yaml", POLICY);
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .withTestClassPath()
                .timeoutSeconds(60)
                .agent("policy=" + policy + ",role=shapes")
                .main(ShapesApp.class.getName())
                .run();
        String out = run.stdout();
        String log = run.describe();
        assertEquals(0, run.exitCode(), log);
        for (String tool : SHAPES) {
            assertTrue(
                    out.contains("CALL " + tool + " REFUSED Toolgate denied tool '" + tool + "' for role 'shapes'"),
                    tool + "\n" + log);
            assertFalse(out.contains("BODY " + tool + " "), "the body of " + tool + " ran\n" + log);
            // spring_iface_delete is called once more below, by Spring AI for the model.
            int calls = tool.equals("spring_iface_delete") ? 2 : 1;
            assertEquals(calls, run.decisionsAbout(tool).size(), "one decision per call of " + tool + "\n" + log);
        }
        assertTrue(out.contains("CALL agent_iface_delete/2 RAN"), "an overload that is no tool runs\n" + log);
        assertFalse(
                out.contains("OVERRIDE agent_super_delete"), "the override is the tool, refused at its entry\n" + log);
        assertTrue(out.contains("OVERRIDE agent_super_read") && out.contains("BODY agent_super_read"), log);
        assertEquals(1, run.decisionsAbout("agent_super_read").size(), "an override calling super is one call\n" + log);
        assertEquals(
                1,
                run.audit(line -> "tool_result".equals(line.eventType()) && "agent_super_read".equals(line.tool()))
                        .size(),
                log);
        assertEquals(
                "delete",
                run.decisionsAbout("agent_iface_delete").get(0).text("risk_level"),
                "the risk comes from the interface's annotation\n" + log);

        assertTrue(out.contains("SPRING-FOUND 1 spring_iface_delete"), log);
        assertTrue(out.contains("MODEL-SAW shapes-spring c1 spring_iface_delete: "), log);
        assertTrue(out.contains("ANSWER " + "All done."), log);
        assertEquals(2, run.decisionsAbout("spring_iface_delete").size(), log);
        assertEquals("0", run.stopLine().text("instrumentation_errors"), log);
    }
}
