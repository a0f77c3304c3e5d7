package dev.toolgate.agent.validation.sql;

/**
 * A statement's shape: its text with plain literals ({@code 'text'} and decimal numbers) replaced by {@code ?}.
 * Agents send the same few statements with different values ({@code … WHERE id = 4711}, {@code … LIMIT 20}); the
 * syntax-tree rules look at structure, never at literal values, so statements of one shape get the same tree
 * verdict, and the costly parse runs once per shape.
 *
 * <p>Only text whose literals are unambiguous gets a shape. Anything whose meaning differs between dialects or
 * that could hide structure from a simple scan has none and is always parsed whole: comments, backslashes,
 * quoted identifiers, dollar quoting, prefixed strings ({@code E'…'}, {@code N'…'}, {@code X'…'}), brackets, and
 * unterminated quotes.
 */
final class SqlShape {

    private SqlShape() {}

    /** The shape, or null when the text has no literal to replace or cannot be scanned safely. */
    static String of(String sql) {
        StringBuilder shape = null;
        int copied = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\'
                    || c == '#'
                    || c == '$'
                    || c == '"'
                    || c == '`'
                    || c == '['
                    || c == ']'
                    || c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                return null;
            }
            int end;
            if (c == '\'') {
                if (i > 0 && isNameChar(sql.charAt(i - 1))) {
                    return null; // a prefixed string: E'…' reads backslashes, X'…' is binary
                }
                end = closingQuote(sql, i);
                if (end < 0) {
                    return null;
                }
                end++;
            } else if (isDigit(c) && (i == 0 || !isNameChar(sql.charAt(i - 1)) && sql.charAt(i - 1) != '.')) {
                end = numberEnd(sql, i);
                if (end < 0) {
                    // digits that run into letters or dots (1e5, 0x1F, 1.2.3): not a plain number, kept as written
                    i = skipName(sql, i);
                    continue;
                }
            } else if (isNameChar(c)) {
                i = skipName(sql, i);
                continue;
            } else {
                i++;
                continue;
            }
            if (shape == null) {
                shape = new StringBuilder(n);
            }
            shape.append(sql, copied, i).append('?');
            copied = end;
            i = end;
        }
        return shape == null ? null : shape.append(sql, copied, n).toString();
    }

    /** The index of the quote that closes the string opened at {@code open}, {@code ''} being a quote inside. */
    private static int closingQuote(String sql, int open) {
        for (int i = open + 1; i < sql.length(); i++) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The end of a plain decimal number ({@code 42}, {@code 4.2}) starting at {@code start}, or -1. */
    private static int numberEnd(String sql, int start) {
        int i = start;
        int n = sql.length();
        while (i < n && isDigit(sql.charAt(i))) {
            i++;
        }
        if (i + 1 < n && sql.charAt(i) == '.' && isDigit(sql.charAt(i + 1))) {
            i++;
            while (i < n && isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (i < n && (isNameChar(sql.charAt(i)) || sql.charAt(i) == '.')) {
            return -1;
        }
        return i;
    }

    private static int skipName(String sql, int start) {
        int i = start;
        while (i < sql.length() && (isNameChar(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Letters (any script), digits, {@code _} and {@code @}: characters that continue a name or keyword. */
    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@';
    }
}
