package dev.toolgate.agent.screening;

/**
 * Cheap, linear pre-checks for the structural rules (token floods, encoded runs), so that their patterns only run
 * on text that can match them.
 */
final class Structure {

    private Structure() {}

    static boolean worthMatching(String rule, String text) {
        return switch (rule) {
            case "injection.rep" -> text.length() >= 24 && repeats(text);
            case "injection.enc" ->
                text.contains("\\x")
                        || text.contains("&#")
                        || text.contains("convert")
                        || text.contains("decode")
                        || text.contains("translate")
                        || text.contains("decipher")
                        || text.contains("decrypt")
                        || text.contains("crack")
                        || shortCodeRun(text);
            case "injection.morse" -> morseRun(text);
            default -> true;
        };
    }

    /** Some unit of 1 to 20 characters recurs at least 6 times in a row, or punctuation runs long. */
    private static boolean repeats(String text) {
        int n = text.length();
        int punctuation = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                continue;
            }
            punctuation = !Character.isLetterOrDigit(c) ? punctuation + 1 : 0;
            if (punctuation >= 30) {
                return true;
            }
        }
        for (int unit = 1; unit <= 21; unit++) {
            int run = 0;
            for (int i = unit; i < n; i++) {
                run = text.charAt(i) == text.charAt(i - unit) ? run + 1 : 0;
                if (run >= unit * 5 && run >= 12) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Six or more tokens in a row made only of dots and dashes, at least three of them mixing both: Morse code, not
     * an ellipsis or a Markdown rule.
     */
    private static boolean morseRun(String text) {
        int run = 0;
        int mixed = 0;
        int token = 0;
        boolean dot = false;
        boolean dash = false;
        boolean morse = true;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == ' ') {
                if (token > 0) {
                    if (morse && token <= 6) {
                        run++;
                        mixed += dot && dash ? 1 : 0;
                        if (run >= 6 && mixed >= 3) {
                            return true;
                        }
                    } else if (!(token == 1 && !morse && text.charAt(i - 1) == '/')) {
                        run = 0;
                        mixed = 0;
                    }
                }
                token = 0;
                dot = false;
                dash = false;
                morse = true;
            } else {
                token++;
                dot |= c == '.';
                dash |= c == '-';
                morse &= c == '.' || c == '-';
            }
        }
        return false;
    }

    /** Six or more short tokens of hex digits in a row: bytes written out. */
    private static boolean shortCodeRun(String text) {
        int run = 0;
        int token = 0;
        boolean hex = true;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == ' ') {
                if (token > 0) {
                    run = hex && (token == 2 || token == 8) ? run + 1 : 0;
                    if (run >= 6) {
                        return true;
                    }
                }
                token = 0;
                hex = true;
            } else {
                token++;
                hex &= Character.digit(c, 16) >= 0 && c < 128;
            }
        }
        return false;
    }
}
