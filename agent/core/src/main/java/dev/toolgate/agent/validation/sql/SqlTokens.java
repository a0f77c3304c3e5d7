package dev.toolgate.agent.validation.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SQL lexer: words, quoted identifiers, string literals (with {@code ''} escapes, {@code E'…'} and
 * {@code $tag$…$tag$}), numbers, punctuation; comments ({@code --}, {@code #}, {@code /* … *}{@code /}) are noted
 * and skipped. Linear in the input.
 */
final class SqlTokens {

    enum Kind {
        WORD,
        QUOTED_NAME,
        STRING,
        NUMBER,
        SYMBOL
    }

    /** A token and where it stands in the text: {@code start} inclusive, {@code end} exclusive. */
    record Token(Kind kind, String text, int start, int end) {

        Token(Kind kind, String text) {
            this(kind, text, -1, -1);
        }

        /** Upper-cased text of a word, or the raw text. */
        String upper() {
            return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : text;
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isLiteral() {
            return kind == Kind.STRING || kind == Kind.NUMBER || isWord("TRUE") || isWord("FALSE") || isWord("NULL");
        }
    }

    /**
     * Tokens, how many comments the text carried, and whether a comment holds a {@code ;}: dialects disagree on
     * where comments end ({@code #} is one only in MySQL, PostgreSQL nests block comments), so a statement can
     * hide behind one in another dialect's reading.
     */
    record Lexed(List<Token> tokens, int comments, boolean separatorInComment) {}

    static final class LexException extends Exception {
        private static final long serialVersionUID = 1L;

        LexException(String message) {
            super(message);
        }
    }

    private SqlTokens() {}

    static Lexed lex(String sql) throws LexException {
        List<Token> tokens = new ArrayList<>();
        int comments = 0;
        boolean separatorInComment = false;
        int n = sql.length();
        int i = 0;
        // the token read by the last step, added with its span once the step is over
        Kind kind = null;
        String text = null;
        int from = 0;
        while (i < n) {
            if (kind != null) {
                tokens.add(new Token(kind, text, from, i));
                kind = null;
            }
            from = i;
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                comments++;
                while (i < n && sql.charAt(i) != '\n') {
                    separatorInComment |= sql.charAt(i) == ';';
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                comments++;
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new LexException("unterminated /* comment");
                }
                separatorInComment |= sql.substring(i, close).indexOf(';') >= 0;
                i = close + 2;
            } else if (c == '\''
                    || (c == 'E' || c == 'e' || c == 'N' || c == 'n' || c == 'X' || c == 'x' || c == 'B' || c == 'b')
                            && i + 1 < n
                            && sql.charAt(i + 1) == '\'') {
                int start = c == '\'' ? i : i + 1;
                int end = closeQuote(sql, start, '\'', c == 'E' || c == 'e');
                kind = Kind.STRING;
                text = sql.substring(start + 1, end);
                i = end + 1;
            } else if (c == '"' || c == '`') {
                int end = closeQuote(sql, i, c, false);
                kind = Kind.QUOTED_NAME;
                text = sql.substring(i + 1, end);
                i = end + 1;
            } else if (c == '[') {
                int end = sql.indexOf(']', i);
                if (end < 0) {
                    throw new LexException("unterminated [ identifier");
                }
                kind = Kind.QUOTED_NAME;
                text = sql.substring(i + 1, end);
                i = end + 1;
            } else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))) {
                int tagEnd = sql.indexOf('$', i + 1);
                String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
                if (tag == null || !tag.matches("\\$\\w*\\$")) {
                    kind = Kind.SYMBOL;
                    text = "$";
                    i++;
                    continue;
                }
                int close = sql.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    throw new LexException("unterminated " + tag + " string");
                }
                kind = Kind.STRING;
                text = sql.substring(tagEnd + 1, close);
                i = close + tag.length();
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                kind = Kind.NUMBER;
                text = sql.substring(start, i);
            } else if (Character.isLetter(c) || c == '_' || c == '@') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i))
                                || sql.charAt(i) == '_'
                                || sql.charAt(i) == '$'
                                || sql.charAt(i) == '@'
                                || sql.charAt(i) == '#')) {
                    i++;
                }
                kind = Kind.WORD;
                text = sql.substring(start, i);
            } else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                if (two.equals("<>")
                        || two.equals("!=")
                        || two.equals(">=")
                        || two.equals("<=")
                        || two.equals("||")
                        || two.equals("::")
                        || two.equals("=>")
                        || two.equals("->")) {
                    kind = Kind.SYMBOL;
                    text = two;
                    i += 2;
                } else {
                    kind = Kind.SYMBOL;
                    text = String.valueOf(c);
                    i++;
                }
            }
        }
        if (kind != null) {
            tokens.add(new Token(kind, text, from, i));
        }
        return new Lexed(tokens, comments, separatorInComment);
    }

    private static int closeQuote(String sql, int open, char quote, boolean backslashEscapes) throws LexException {
        for (int i = open + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i++;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw new LexException("unterminated " + quote + " quote");
    }
}
