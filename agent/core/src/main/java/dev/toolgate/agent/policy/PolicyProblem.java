package dev.toolgate.agent.policy;

/**
 * One thing wrong with (or, as a warning, doubtful about) a policy file: where, which key, and what to do.
 *
 * @param file    the policy file
 * @param line    1-based line, 0 when the problem is not about one place
 * @param column  1-based column, 0 with line
 * @param key     the key path, such as {@code roles.ops.allowed_tools}, or null
 * @param message what is wrong and what to do
 */
public record PolicyProblem(String file, int line, int column, String key, String message) {

    /** A problem the message already says everything about (the file cannot be read, …). */
    static PolicyProblem whole(String message) {
        return new PolicyProblem(null, 0, 0, null, message);
    }

    /** {@code file:line:column: key 'K': message}, the form every policy error is printed in. */
    @Override
    public String toString() {
        if (file == null) {
            return message;
        }
        return file + (line > 0 ? ":" + line + ":" + column : "") + (key == null ? "" : ": key '" + key + "'") + ": "
                + message;
    }
}
