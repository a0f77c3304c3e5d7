package dev.toolgate.agent.policy;

import java.util.List;

/**
 * A policy that cannot be used; the message names the file, the line and the key, and what to do. When several
 * things are wrong, the message has a line for each, and {@link #problems()} lists them.
 */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<PolicyProblem> problems;

    public PolicyException(String message) {
        super(message);
        this.problems = List.of(PolicyProblem.whole(message));
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(PolicyProblem.whole(message));
    }

    PolicyException(List<PolicyProblem> problems) {
        super(String.join("\n", problems.stream().map(PolicyProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, in the order found. */
    public List<PolicyProblem> problems() {
        return problems;
    }
}
