package dev.toolgate.agent.sandbox;

/**
 * A started process's argument list as a POSIX command line that a shell would split into exactly those
 * arguments: what a {@code shell-command} validator parses. No argument is run through a shell by the JDK, so each
 * is quoted as one word: a {@code ;} or {@code $(…)} inside an argument stays text, while {@code sh -c SCRIPT}
 * still hands the validator a shell and its script to look into.
 */
final class CommandLines {

    private CommandLines() {}

    static String quoted(String[] command) {
        StringBuilder line = new StringBuilder();
        for (String argument : command) {
            if (line.length() > 0) {
                line.append(' ');
            }
            quote(argument == null ? "" : argument, line);
        }
        return line.toString();
    }

    private static void quote(String argument, StringBuilder line) {
        if (!argument.isEmpty() && plain(argument)) {
            line.append(argument);
            return;
        }
        line.append('\'');
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\'') {
                line.append("'\\''");
            } else {
                line.append(c);
            }
        }
        line.append('\'');
    }

    /** Characters no POSIX shell gives a meaning to in a word. */
    private static boolean plain(String argument) {
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            boolean word = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "_@%+=:,./-".indexOf(c) >= 0;
            if (!word) {
                return false;
            }
        }
        return true;
    }
}
