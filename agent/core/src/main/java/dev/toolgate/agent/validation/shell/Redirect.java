package dev.toolgate.agent.validation.shell;

/**
 * A redirection such as {@code 2>> log} or {@code >& /dev/tcp/h/p}.
 *
 * @param operator {@code >}, {@code >>}, {@code >|}, {@code &>}, {@code &>>}, {@code >&}, {@code <}, {@code <>},
 *                 {@code <&}, {@code <<}, {@code <<-} or {@code <<<}
 */
public record Redirect(String operator, ShellWord target) {

    /** Whether the target is opened for writing. */
    public boolean writes() {
        return operator.startsWith(">") || operator.startsWith("&>") || operator.equals("<>");
    }
}
