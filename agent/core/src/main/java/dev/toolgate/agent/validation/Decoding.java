package dev.toolgate.agent.validation;

import java.io.ByteArrayOutputStream;

/**
 * Undoes the encodings attackers stack to smuggle characters past string checks: percent-encoding (repeated),
 * IIS-style {@code %uXXXX}, and overlong UTF-8 sequences ({@code %c0%ae} for '.'), which a strict decoder
 * rejects but lenient servers still accept.
 */
public final class Decoding {

    /** How many rounds of decoding are undone before giving up: more is itself an attack signal. */
    public static final int MAX_ROUNDS = 4;

    private static final java.util.regex.Pattern OVERLONG_3 = java.util.regex.Pattern.compile("%e0%[89][0-9a-f]");
    private static final java.util.regex.Pattern OVERLONG_4 = java.util.regex.Pattern.compile("%f0%8[0-9a-f]");

    private Decoding() {}

    /** Decodes until the text no longer changes, at most {@link #MAX_ROUNDS} times. */
    public static Decoded fully(String text) {
        String current = text;
        int rounds = 0;
        while (rounds < MAX_ROUNDS) {
            String next = once(current);
            if (next.equals(current)) {
                break;
            }
            current = next;
            rounds++;
        }
        return new Decoded(
                current, rounds, rounds == MAX_ROUNDS && !once(current).equals(current));
    }

    /** The decoded text, how many rounds changed it, and whether it would still decode further. */
    public record Decoded(String text, int rounds, boolean exhausted) {}

    /** Whether {@code text} percent-encodes an overlong UTF-8 sequence ({@code %c0%af}, {@code %e0%80%ae}). */
    public static boolean hasOverlongUtf8(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("%c0")
                || lower.contains("%c1")
                || OVERLONG_3.matcher(lower).find()
                || OVERLONG_4.matcher(lower).find();
    }

    /** Whether {@code text} has a '%' followed by two letters or digits that are not hexadecimal. */
    public static boolean hasMalformedPercent(String text) {
        for (int i = text.indexOf('%'); i >= 0 && i + 2 < text.length(); i = text.indexOf('%', i + 1)) {
            char a = text.charAt(i + 1);
            char b = text.charAt(i + 2);
            if (Character.isLetterOrDigit(a)
                    && Character.isLetterOrDigit(b)
                    && a < 128
                    && b < 128
                    && (Character.digit(a, 16) < 0 || Character.digit(b, 16) < 0)
                    && a != 'u'
                    && a != 'U') {
                return true;
            }
        }
        return false;
    }

    /** One round: {@code %HH} bytes as (lenient, overlong-tolerant) UTF-8, and {@code %uXXXX}. */
    public static String once(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < n && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
                continue;
            }
            flush(bytes, out);
            if (c == '%'
                    && i + 5 < n
                    && (text.charAt(i + 1) == 'u' || text.charAt(i + 1) == 'U')
                    && hex(text.charAt(i + 2)) >= 0
                    && hex(text.charAt(i + 3)) >= 0
                    && hex(text.charAt(i + 4)) >= 0
                    && hex(text.charAt(i + 5)) >= 0) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
                continue;
            }
            out.append(c);
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() == 0) {
            return;
        }
        byte[] b = bytes.toByteArray();
        bytes.reset();
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xff;
            int length = lead < 0x80
                    ? 1
                    : lead >= 0xc0 && lead < 0xe0
                            ? 2
                            : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf8 ? 4 : 0;
            boolean complete = length > 0 && i + length <= b.length;
            for (int k = 1; complete && k < length; k++) {
                complete = (b[i + k] & 0xc0) == 0x80;
            }
            if (!complete) {
                out.append(lead < 0x80 ? (char) lead : '\uFFFD');
                i++;
                continue;
            }
            int codePoint = length == 1 ? lead : lead & (0xff >> (length + 1));
            for (int k = 1; k < length; k++) {
                codePoint = codePoint << 6 | (b[i + k] & 0x3f);
            }
            // overlong forms are decoded to what they stand for, as lenient decoders do
            out.appendCodePoint(
                    Character.isValidCodePoint(codePoint) && !(codePoint >= 0xd800 && codePoint < 0xe000)
                            ? codePoint
                            : 0xFFFD);
            i += length;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }
}
