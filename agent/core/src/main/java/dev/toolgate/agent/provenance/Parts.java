package dev.toolgate.agent.provenance;

/**
 * How text is cut into the parts provenance compares, and how they are hashed (see docs/provenance.md). A token
 * is a run of letters, digits and the characters identifiers are made of ({@code @ . _ - + / : % # = & ? ~}),
 * without the punctuation that ends a sentence or a clause around it. Every token, each piece of it between the
 * separators of URLs and key-value text ({@code / : ? = & #}), each run of five or more digits in it, and each
 * pair of consecutive tokens is indexed, case-insensitively, as a 64-bit hash: no text is kept.
 */
final class Parts {

    /** A token this long or longer is significant on its own: a name, a file name, a code. */
    static final int SIGNIFICANT_LENGTH = 8;
    /** A run of this many digits is significant: an account, a phone number, a code. */
    static final int SIGNIFICANT_DIGITS = 5;
    /** An argument of at most this many tokens is compared as a phrase too: a hotel, a person, a title. */
    static final int PHRASE_TOKENS = 4;

    private static final long TOKEN_SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final long PAIR_MIX = 0x9e3779b97f4a7c15L;

    private Parts() {}

    /** Receives each part's hash; returns false to stop. */
    interface Sink {
        boolean part(long hash);
    }

    static boolean isTokenChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '@'
                    || c == '.'
                    || c == '_'
                    || c == '-'
                    || c == '+'
                    || c == '/'
                    || c == ':'
                    || c == '%'
                    || c == '#'
                    || c == '='
                    || c == '&'
                    || c == '?'
                    || c == '~';
        }
        return Character.isLetterOrDigit(c);
    }

    /** Punctuation trimmed from both ends of a token: "13." and "(x.com)" are 13 and x.com. */
    static boolean isEdge(char c) {
        return c == '.' || c == ':' || c == '?' || c == '-' || c == '_' || c == '/' || c == '#' || c == '=' || c == '&'
                || c == '+' || c == '~' || c == '%';
    }

    static boolean isPieceSeparator(char c) {
        return c == '/' || c == ':' || c == '?' || c == '=' || c == '&' || c == '#';
    }

    /**
     * Indexes {@code text} up to {@code limit} characters.
     *
     * @return false when the sink refused a part (the index is full)
     */
    static boolean index(CharSequence text, int limit, Sink sink) {
        int end = Math.min(text.length(), limit);
        long previous = 0;
        int i = 0;
        while (i < end) {
            while (i < end && !isTokenChar(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && isTokenChar(text.charAt(i))) {
                i++;
            }
            int[] span = trim(text, start, i);
            if (span == null) {
                continue;
            }
            long token = hash(text, span[0], span[1]);
            if (!sink.part(token)) {
                return false;
            }
            if (previous != 0 && !sink.part(pair(previous, token))) {
                return false;
            }
            previous = token;
            if (!pieces(text, span[0], span[1], sink, false) || !digitRuns(text, span[0], span[1], sink)) {
                return false;
            }
        }
        return true;
    }

    /** The span of {@code text} when it is one token, with at most edge punctuation and blanks around it; else null. */
    static int[] wholeToken(CharSequence text) {
        int i = 0;
        int end = text.length();
        while (i < end && !isTokenChar(text.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < end && isTokenChar(text.charAt(i))) {
            i++;
        }
        int[] span = trim(text, start, i);
        while (i < end && !isTokenChar(text.charAt(i))) {
            i++;
        }
        return i == end ? span : null;
    }

    /** The start and end of the token in [start, end) without its edge punctuation, or null when none is left. */
    static int[] trim(CharSequence text, int start, int end) {
        while (start < end && isEdge(text.charAt(start))) {
            start++;
        }
        while (end > start && isEdge(text.charAt(end - 1))) {
            end--;
        }
        return start < end ? new int[] {start, end} : null;
    }

    /** Each piece between separators of a token that has separators; with {@code significantOnly}, only those. */
    static boolean pieces(CharSequence text, int start, int end, Sink sink, boolean significantOnly) {
        boolean separated = false;
        for (int i = start; i < end; i++) {
            if (isPieceSeparator(text.charAt(i))) {
                separated = true;
                break;
            }
        }
        if (!separated) {
            return true;
        }
        int from = start;
        for (int i = start; i <= end; i++) {
            if (i == end || isPieceSeparator(text.charAt(i))) {
                int[] span = trim(text, from, i);
                if (span != null
                        && (!significantOnly || significant(text, span[0], span[1]))
                        && !sink.part(hash(text, span[0], span[1]))) {
                    return false;
                }
                from = i + 1;
            }
        }
        return true;
    }

    static boolean digitRuns(CharSequence text, int start, int end, Sink sink) {
        int run = -1;
        for (int i = start; i <= end; i++) {
            boolean digit = i < end && Character.isDigit(text.charAt(i));
            if (digit && run < 0) {
                run = i;
            } else if (!digit && run >= 0) {
                if (i - run >= SIGNIFICANT_DIGITS && (run > start || i < end) && !sink.part(hash(text, run, i))) {
                    return false;
                }
                run = -1;
            }
        }
        return true;
    }

    /**
     * A token that identifies something on its own: 8 or more characters, an e-mail address, a host name or URL
     * (a dot between letters or digits), or one holding a run of 5 or more digits.
     */
    static boolean significant(CharSequence text, int start, int end) {
        if (end - start >= SIGNIFICANT_LENGTH) {
            return true;
        }
        int digits = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '@') {
                return true;
            }
            if (c == '.'
                    && i > start
                    && i < end - 1
                    && Character.isLetterOrDigit(text.charAt(i - 1))
                    && Character.isLetter(text.charAt(i + 1))) {
                return true;
            }
            digits = Character.isDigit(c) ? digits + 1 : 0;
            if (digits >= SIGNIFICANT_DIGITS) {
                return true;
            }
        }
        return false;
    }

    /** FNV-1a over the lower-cased characters, finished with a 64-bit mix; never 0. */
    static long hash(CharSequence text, int start, int end) {
        long h = TOKEN_SEED;
        for (int i = start; i < end; i++) {
            h ^= Character.toLowerCase(text.charAt(i));
            h *= PRIME;
        }
        return nonZero(mix(h));
    }

    static long pair(long first, long second) {
        return nonZero(mix(first * PAIR_MIX + Long.rotateLeft(second, 31)));
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}
