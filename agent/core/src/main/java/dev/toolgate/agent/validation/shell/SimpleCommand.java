package dev.toolgate.agent.validation.shell;

import java.util.List;

/**
 * A simple command: assignments, words (the first is the program) and redirections.
 *
 * @param pipeline the pipeline it belongs to, by index in {@link ShellScript#pipelines()}
 * @param stage    its position in that pipeline (0 for the first command)
 */
public record SimpleCommand(
        List<ShellWord> assignments, List<ShellWord> words, List<Redirect> redirects, int pipeline, int stage) {

    public SimpleCommand {
        assignments = List.copyOf(assignments);
        words = List.copyOf(words);
        redirects = List.copyOf(redirects);
    }

    /** The program as written (first word), or null for a command of assignments or redirections only. */
    public String program() {
        return words.isEmpty() ? null : words.get(0).text();
    }
}
