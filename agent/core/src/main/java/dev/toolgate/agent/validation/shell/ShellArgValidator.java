package dev.toolgate.agent.validation.shell;

import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.validation.ArgumentValidator;
import dev.toolgate.agent.validation.Verdict;

/**
 * {@code shell-arg}: a value that will be interpolated into a command line. It must stay one plain word: no
 * characters that chain ({@code ; & | newline}), substitute ({@code $ `}), redirect ({@code < >}), glob
 * ({@code * ? [ ] { } ~}), quote or escape ({@code ' " \}), group ({@code ( )}) or comment ({@code #}), and, unless
 * allowed, no blanks (which split it into several arguments) and no leading dash (which turns it into an option).
 * Percent-encoded and other encoded forms of these characters are refused too, since tools often decode values
 * before use.
 */
public final class ShellArgValidator implements ArgumentValidator {

    public static final String TYPE = "shell-arg";
    private static final String FORBIDDEN = ";&|\n\r`$<>*?[]{}~'\"\\()#!\u0000";

    /** Command names (the rule pack's {@code shell.probe-commands} table): word → rule id. */
    private final java.util.Map<String, String> commandNames;

    private final boolean allowSpaces;
    private final boolean allowLeadingDash;
    private final int maxLength;

    private final boolean denyCommandNames;

    public ShellArgValidator(boolean allowSpaces, boolean allowLeadingDash, boolean denyCommandNames, int maxLength) {
        this(allowSpaces, allowLeadingDash, denyCommandNames, maxLength, RulePack.builtIn());
    }

    public ShellArgValidator(
            boolean allowSpaces, boolean allowLeadingDash, boolean denyCommandNames, int maxLength, RulePack pack) {
        this.commandNames = pack.table("shell.probe-commands");
        this.denyCommandNames = denyCommandNames;
        this.allowSpaces = allowSpaces;
        this.allowLeadingDash = allowLeadingDash;
        this.maxLength = maxLength;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Verdict check(String value) {
        if (value.length() > maxLength) {
            return Verdict.deny("the value is " + value.length() + " characters long, over the limit of " + maxLength);
        }
        String command = denyCommandNames ? commandNames.get(value.strip().toLowerCase(java.util.Locale.ROOT)) : null;
        if (command != null) {
            return Verdict.deny("the value is the name of the command '" + value.strip() + "', which runs if the"
                    + " value lands in command position [" + command + "]");
        }
        String reason = scan(value, "");
        if (reason != null) {
            return Verdict.deny(reason);
        }
        String decoded = percentDecode(value);
        if (!decoded.equals(value)) {
            reason = scan(decoded, " once percent-decoded");
            if (reason != null) {
                return Verdict.deny(reason);
            }
            if (decoded.indexOf('%') >= 0 && !percentDecode(decoded).equals(decoded)) {
                return Verdict.deny("the value is percent-encoded more than once");
            }
        }
        return Verdict.ALLOW;
    }

    private String scan(String value, String how) {
        if (!allowLeadingDash && value.startsWith("-")) {
            return "the value starts with '-' and would be read as an option" + how;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                return "the value contains the shell metacharacter " + describe(c) + how;
            }
            if (Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return "the value contains the control character U+" + String.format("%04X", (int) c) + how;
            }
            if (!allowSpaces && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                return "the value contains whitespace, which splits it into several arguments" + how;
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
                return "the value contains an unpaired surrogate" + how;
            }
        }
        return null;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\n' -> "newline";
            case '\r' -> "carriage return";
            case '\u0000' -> "NUL";
            default -> "'" + c + "'";
        };
    }

    /** One round of percent-decoding, bytes read as UTF-8 (invalid sequences kept as U+FFFD). */
    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(value.length());
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%'
                    && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0
                    && Character.digit(value.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(c);
        }
        if (bytes.size() > 0) {
            out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
