package dev.toolgate.agent.policytool;

/** A command line the policy tools cannot use; the message says what was wrong and what to give instead. */
public final class UsageProblem extends Exception {

    private static final long serialVersionUID = 1L;

    UsageProblem(String message) {
        super(message, null, false, false);
    }
}
