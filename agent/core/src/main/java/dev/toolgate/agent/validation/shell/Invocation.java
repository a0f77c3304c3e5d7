package dev.toolgate.agent.validation.shell;

import java.util.List;
import java.util.Locale;

/**
 * What a simple command runs once wrappers ({@code sudo}, {@code env}, {@code nohup}, {@code timeout},
 * {@code xargs}, …) are looked through: the program's base name and its arguments.
 *
 * @param program   base name of the program, lower case (Windows {@code .exe} suffix dropped)
 * @param arguments the words after the program
 * @param command   the simple command it came from
 */
record Invocation(String program, List<ShellWord> arguments, SimpleCommand command) {

    static String baseName(String word) {
        String name = word;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        name = name.toLowerCase(Locale.ROOT);
        return name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }

    String argument(int i) {
        return i < arguments.size() ? arguments.get(i).text() : null;
    }

    boolean hasArgument(String text) {
        for (ShellWord word : arguments) {
            if (word.text().equals(text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a short flag letter is set, alone ({@code -r}) or in a cluster ({@code -rf}), or a long form is. */
    boolean hasFlag(char shortFlag, String... longForms) {
        for (ShellWord word : arguments) {
            String text = word.text();
            if (text.equals("--")) {
                return false;
            }
            if (text.startsWith("--")) {
                for (String longForm : longForms) {
                    if (text.equals(longForm) || text.startsWith(longForm + "=")) {
                        return true;
                    }
                }
            } else if (shortFlag != 0
                    && text.length() > 1
                    && text.charAt(0) == '-'
                    && text.indexOf('=') < 0
                    && text.chars().skip(1).allMatch(Character::isLetterOrDigit)
                    && text.indexOf(shortFlag, 1) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Arguments that are not options, up to {@code limit}; stops at {@code --}. */
    List<String> positionals(int limit) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (ShellWord word : arguments) {
            String text = word.text();
            if (out.size() >= limit) {
                break;
            }
            if (!text.startsWith("-") || text.equals("-")) {
                out.add(text);
            }
        }
        return out;
    }
}
