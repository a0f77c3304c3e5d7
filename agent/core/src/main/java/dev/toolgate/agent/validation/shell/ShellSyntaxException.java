package dev.toolgate.agent.validation.shell;

/** A command line that cannot be parsed with POSIX shell rules: unterminated quotes or substitutions, too deep. */
public final class ShellSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public ShellSyntaxException(String message) {
        super(message);
    }
}
