package dev.toolgate.agent.policy;

import java.util.regex.Pattern;

/** A name pattern as written in policies: {@code *} stands for any run of characters, {@code ?} for one. */
public final class Glob {

    /** In names, a wildcard stands for anything; in argument values it stops at separators (see below). */
    private static final String ANY_NAME_CHAR = ".";

    private static final String ANY_VALUE_CHAR = "[^\\s,;<>\\p{Cntrl}]";

    private final String text;
    private final Pattern pattern;
    private final boolean literal;

    private Glob(String text, String anyChar) {
        this.text = text;
        this.literal = text.indexOf('*') < 0 && text.indexOf('?') < 0;
        this.pattern = literal ? null : Pattern.compile(toRegex(text, anyChar));
    }

    /** A pattern for tool, class and method names. */
    public static Glob of(String text) {
        return new Glob(text, ANY_NAME_CHAR);
    }

    /**
     * A pattern for an argument value, as in approval conditions. Its wildcards match no white space, comma,
     * semicolon, angle bracket or control character, so {@code *@corp.example} matches one address at
     * corp.example and not {@code attacker@evil.example, x@corp.example}.
     */
    public static Glob ofArgumentValue(String text) {
        return new Glob(text, ANY_VALUE_CHAR);
    }

    public boolean matches(String name) {
        return literal ? text.equals(name) : pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String toRegex(String glob, String anyChar) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literalRun = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literalRun.length() > 0) {
                    regex.append(Pattern.quote(literalRun.toString()));
                    literalRun.setLength(0);
                }
                regex.append(anyChar).append(c == '*' ? "*" : "");
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
