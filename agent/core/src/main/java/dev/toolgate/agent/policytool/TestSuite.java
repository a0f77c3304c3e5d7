package dev.toolgate.agent.policytool;

import java.nio.file.Path;
import java.util.List;

/**
 * One policy test file: the policy it tests and its cases, in file order.
 *
 * @param policy     the policy file, resolved against the test file's directory
 * @param policyLine the line of the {@code policy:} key
 */
public record TestSuite(Path file, Path policy, int policyLine, List<TestCase> cases) {

    public TestSuite {
        cases = List.copyOf(cases);
    }
}
