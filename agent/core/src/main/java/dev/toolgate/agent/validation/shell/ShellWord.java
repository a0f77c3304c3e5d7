package dev.toolgate.agent.validation.shell;

import java.util.List;

/**
 * One word of a command line after POSIX quote removal.
 *
 * @param text          the value with quotes removed; expansions ({@code $VAR}, {@code $(…)}) are kept as written
 * @param raw           the word as written
 * @param quoted        some part of it was quoted or escaped
 * @param glob          it has an unquoted {@code *}, {@code ?}, {@code [} or brace expansion
 * @param expansion     it has a parameter expansion ({@code $VAR}, {@code ${…}})
 * @param substitutions command and process substitutions inside it, parsed
 */
public record ShellWord(
        String text, String raw, boolean quoted, boolean glob, boolean expansion, List<ShellScript> substitutions) {

    public ShellWord {
        substitutions = List.copyOf(substitutions);
    }

    /** A word made by the analysis (an unwrapped argument), not by the parser. */
    static ShellWord literal(String text) {
        return new ShellWord(text, text, false, false, false, List.of());
    }
}
