package dev.toolgate.agent.policytool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped policies and their tests in policies/tests must agree, and every shipped policy must have tests. */
class ShippedPolicyTestsTest {

    private static final Path POLICIES = Path.of("../../policies");

    @Test
    void everyShippedPolicyPassesItsTests() throws Exception {
        List<Path> files = PolicyTestCommand.testFiles(List.of(POLICIES.resolve("tests")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PolicyTestCommand.Result result = PolicyTestCommand.run(
                files,
                false,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, result.exitCode(), printed);
        assertTrue(result.passed() >= 40, printed);
    }

    @Test
    void everyShippedPolicyHasATestFile() throws Exception {
        Set<Path> tested = PolicyTestCommand.testFiles(List.of(POLICIES.resolve("tests"))).stream()
                .map(file -> {
                    try {
                        return TestFileReader.read(file).policy().toRealPath();
                    } catch (Exception e) {
                        throw new AssertionError(file + ": " + e.getMessage(), e);
                    }
                })
                .collect(Collectors.toSet());
        try (Stream<Path> policies = Files.list(POLICIES)) {
            for (Path policy :
                    policies.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                assertTrue(tested.contains(policy.toRealPath()), policy + " has no test file in policies/tests");
            }
        }
    }
}
