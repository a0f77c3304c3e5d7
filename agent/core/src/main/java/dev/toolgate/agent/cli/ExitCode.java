package dev.toolgate.agent.cli;

/** The exit codes of every command; docs/cli.md lists them. */
final class ExitCode {

    /** Done, nothing found. */
    static final int OK = 0;
    /** The command worked and found something: an invalid policy, a denied sample, a tampered log, a failed attach. */
    static final int FINDING = 1;
    /** The command line or its input cannot be used: unknown option, missing or unusable file, bad value. */
    static final int USAGE = 2;

    private ExitCode() {}
}
