package dev.toolgate.agent.screening;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Puts text in the form screening rules are written for: Unicode compatibility forms folded (NFKC: full-width
 * letters, ligatures, circled letters), zero-width and bidirectional controls and soft hyphens removed, case
 * folded, every run of whitespace collapsed to one space. Unpaired surrogates become U+FFFD.
 */
public final class TextNormalizer {

    private TextNormalizer() {}

    public static String normalize(String text) {
        StringBuilder cleaned = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isInvisible(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                cleaned.append(c).append(text.charAt(++i));
                space = false;
                continue;
            }
            if (Character.isSurrogate(c)) {
                c = '\uFFFD';
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space) {
                    cleaned.append(' ');
                    space = true;
                }
                continue;
            }
            space = false;
            cleaned.append(c);
        }
        String folded = Normalizer.normalize(cleaned, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // NFKC can produce new whitespace (e.g. from ideographic spaces); collapse again cheaply
        return folded.indexOf("  ") < 0 ? folded : folded.replaceAll(" {2,}", " ");
    }

    /** Zero-width characters, bidirectional controls, soft hyphen and other format characters. */
    static boolean isInvisible(char c) {
        return c >= '\u200b' && c <= '\u200f'
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2060' && c <= '\u2064'
                || c >= '\u2066' && c <= '\u2069'
                || c == '\ufeff'
                || c == '\u00ad'
                || c == '\u180e'
                || c == '\u034f'
                || c >= '\ufe00' && c <= '\ufe0f';
    }
}
