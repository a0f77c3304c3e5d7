package dev.toolgate.agent.policytool;

import java.nio.file.Path;

/**
 * One case of a policy test file.
 *
 * @param file     the test file
 * @param line     the line the case starts on (1-based)
 * @param name     the case's name
 * @param call     the call
 * @param argsJson the call's arguments as JSON, for the {@code policy explain} command line a failure suggests
 * @param expected what the policy must decide
 */
public record TestCase(Path file, int line, String name, CallSpec call, String argsJson, Expectation expected) {

    /** {@code file:line}, where failures point. */
    public String location() {
        return file + ":" + line;
    }
}
