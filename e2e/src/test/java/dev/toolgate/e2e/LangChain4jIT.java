package dev.toolgate.e2e;

import dev.toolgate.e2e.apps.SqlScenario;
import dev.toolgate.e2e.apps.SqlScenarioAssertions;
import dev.toolgate.e2e.apps.langchain4j.LangChain4jApp;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real LangChain4j {@code AiServices} assistant, driven by a scripted model, with Toolgate attached: the
 * refusal must reach the model through LangChain4j's own tool error handling.
 */
class LangChain4jIT {

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void deniedToolIsRefusedAndTheModelIsToldWhy(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("langchain4j");
        JvmRun run = ForkedJvm.on(jdk)
                .workDir(dir)
                .agent(SqlScenario.agentArgumentsFor(dir))
                .classPath(ForkedJvm.testClassPath())
                .main(LangChain4jApp.class.getName())
                .run();

        SqlScenarioAssertions.assertDropRefusedAndReadAllowed(run);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void withoutTheAgentTheDeniedToolRuns(Jdks.Jdk jdk) throws Exception {
        JvmRun run = ForkedJvm.on(jdk)
                .withoutAgent()
                .classPath(ForkedJvm.testClassPath())
                .main(LangChain4jApp.class.getName())
                .run();

        SqlScenarioAssertions.assertBothToolsRan(run);
    }
}
