package dev.toolgate.e2e;

import dev.toolgate.e2e.apps.SqlScenario;
import dev.toolgate.e2e.apps.SqlScenarioAssertions;
import dev.toolgate.e2e.apps.springai.SpringAiApp;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Spring AI tool calling, driven by a scripted model, with Toolgate attached: the refusal must reach the
 * model through Spring AI's own tool exception processing, both through ChatClient and through a hand-written
 * loop around the ToolCallingManager.
 */
class SpringAiIT {

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void chatClientHandsTheRefusalToTheModel(Jdks.Jdk jdk) throws Exception {
        SqlScenarioAssertions.assertDropRefusedAndReadAllowed(runWithAgent(jdk, "chat-client"));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void toolCallingManagerHandsTheRefusalToTheModel(Jdks.Jdk jdk) throws Exception {
        SqlScenarioAssertions.assertDropRefusedAndReadAllowed(runWithAgent(jdk, "tool-calling-manager"));
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void withoutTheAgentTheDeniedToolRuns(Jdks.Jdk jdk) throws Exception {
        JvmRun run = ForkedJvm.on(jdk)
                .withoutAgent()
                .classPath(ForkedJvm.testClassPath())
                .main(SpringAiApp.class.getName(), "chat-client")
                .run();

        SqlScenarioAssertions.assertBothToolsRan(run);
    }

    private static JvmRun runWithAgent(Jdks.Jdk jdk, String mode) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("spring-ai-" + mode);
        return ForkedJvm.on(jdk)
                .workDir(dir)
                .agent(SqlScenario.agentArgumentsFor(dir))
                .classPath(ForkedJvm.testClassPath())
                .main(SpringAiApp.class.getName(), mode)
                .run();
    }
}
