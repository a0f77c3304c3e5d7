package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.isolation.IsolationApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent brings its own Jackson, Byte Buddy and YAML parser, and the application never sees them. */
class IsolationIT {

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void appWithItsOwnJacksonAndSlf4jRunsUnchanged(Jdks.Jdk jdk) throws Exception {
        Path dir = ForkedJvm.freshWorkDir("isolation");
        Path policy = Policies.write(dir, "policy.yaml", "roles:\n  app: {allowed_tools: [report]}\n");
        JvmRun without = ForkedJvm.on(jdk)
                .workDir(ForkedJvm.freshWorkDir("isolation-plain"))
                .withoutAgent()
                .classPath(appClassPath())
                .main(IsolationApp.class.getName())
                .run();
        JvmRun with = ForkedJvm.on(jdk)
                .workDir(dir)
                .classPath(appClassPath())
                .agent("policy=" + policy + ",role=app")
                .main(IsolationApp.class.getName())
                .run();

        assertEquals(0, without.exitCode(), without.describe());
        assertEquals(0, with.exitCode(), with.describe());
        assertTrue(without.stdout().contains("JACKSON 2.17.2"), without.describe());
        assertTrue(without.stdout().contains("SLF4J-BACKEND org.slf4j.impl.SimpleLoggerFactory"), without.describe());
        assertTrue(without.stdout().contains("VISIBLE dev.toolgate.shaded.jackson.databind.ObjectMapper false"));
        assertEquals(without.stdout(), with.stdout(), "the agent changed what the application sees");
        assertTrue(with.stderr().contains("INFO isolation-app - app logging works"), with.describe());
        assertEquals(
                1, with.audit(line -> "tool_result".equals(line.eventType())).size(), with.describe());
        assertEquals(
                "{\"answer\":42}",
                with.audit(line -> "tool_result".equals(line.eventType()))
                        .get(0)
                        .text("result"));
    }

    /** Test classes, the API, and the application's own older libraries: nothing of the build's Jackson. */
    private static List<String> appClassPath() throws IOException {
        List<String> path = new ArrayList<>();
        for (String entry : ForkedJvm.testClassPath()) {
            if (entry.endsWith("test-classes")
                    || entry.contains("toolgate-api")
                    || entry.endsWith("api/target/classes")) {
                path.add(entry);
            }
        }
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("toolgate.isolation.libs")))) {
            jars.map(Path::toString).sorted().forEach(path::add);
        }
        return path;
    }
}
