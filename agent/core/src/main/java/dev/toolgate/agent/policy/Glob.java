package dev.toolgate.agent.policy;

import java.util.regex.Pattern;

/** A name pattern as written in policies: {@code *} stands for any run of characters, {@code ?} for one. */
public final class Glob {

    private final String text;
    private final Pattern pattern;
    private final boolean literal;

    private Glob(String text) {
        this.text = text;
        this.literal = text.indexOf('*') < 0 && text.indexOf('?') < 0;
        this.pattern = literal ? null : Pattern.compile(toRegex(text));
    }

    public static Glob of(String text) {
        return new Glob(text);
    }

    public boolean matches(String name) {
        return literal ? text.equals(name) : pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literalRun = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literalRun.length() > 0) {
                    regex.append(Pattern.quote(literalRun.toString()));
                    literalRun.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literalRun.append(c);
            }
        }
        if (literalRun.length() > 0) {
            regex.append(Pattern.quote(literalRun.toString()));
        }
        return regex.toString();
    }
}
