package dev.toolgate.agent.cli;

/**
 * A problem a command reports in one line and an exit code, without a stack trace: its message says what was
 * wrong, where, and what to do.
 */
public final class CliFailure extends RuntimeException {

    private final int exitCode;

    private CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The input cannot be used (exit 2). */
    public static CliFailure usage(String message) {
        return new CliFailure(ExitCode.USAGE, message);
    }

    /** The command ran and failed or found something (exit 1). */
    public static CliFailure finding(String message) {
        return new CliFailure(ExitCode.FINDING, message);
    }

    int exitCode() {
        return exitCode;
    }
}
