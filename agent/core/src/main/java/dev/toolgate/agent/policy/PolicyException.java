package dev.toolgate.agent.policy;

import java.util.List;

/**
 * A policy that cannot be used; the message names the file, the line and the key, and what to do. When several
 * things are wrong, the message has a line for each, and {@link #problems()} lists them.
 */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PolicyException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    private PolicyException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One exception for every problem found, in the order given. */
    static PolicyException of(List<String> problems) {
        return problems.size() == 1 ? new PolicyException(problems.get(0)) : new PolicyException(problems);
    }

    /** Each problem, one line each: {@code file:line:column: key 'K': what is wrong and what to do}. */
    public List<String> problems() {
        return problems;
    }
}
