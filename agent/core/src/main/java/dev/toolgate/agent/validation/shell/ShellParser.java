package dev.toolgate.agent.validation.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a command line the way a POSIX shell (and bash, for its common extensions) splits it: quoting and
 * escapes, {@code $'…'} strings, command, process and parameter substitutions, operators, redirections, groups and
 * function definitions. It does not expand anything; it keeps enough structure to judge what would run.
 * Work is linear in the input, and substitutions nest at most {@link #MAX_DEPTH} deep.
 */
public final class ShellParser {

    static final int MAX_DEPTH = 8;

    private static final Set<String> RESERVED = Set.of(
            "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time", "esac", "[[",
            "]]");
    private static final Set<String> LIST_HEADS = Set.of("for", "select", "case");

    private final String s;
    private final int depth;
    private int pos;

    private ShellParser(String s, int depth) {
        this.s = s;
        this.depth = depth;
    }

    public static ShellScript parse(String commandLine) throws ShellSyntaxException {
        return parse(commandLine, 0);
    }

    static ShellScript parse(String commandLine, int depth) throws ShellSyntaxException {
        if (depth > MAX_DEPTH) {
            throw new ShellSyntaxException("substitutions nested more than " + MAX_DEPTH + " deep");
        }
        ShellParser parser = new ShellParser(commandLine, depth);
        return parser.build(parser.tokenize());
    }

    // ---- tokens

    private record Token(String operator, ShellWord word) {
        boolean isOperator(String op) {
            return op.equals(operator);
        }
    }

    private List<Token> tokenize() throws ShellSyntaxException {
        List<Token> tokens = new ArrayList<>();
        int n = s.length();
        boolean atTokenStart = true;
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
                pos++;
                continue;
            }
            if (c == '\\' && pos + 1 < n && s.charAt(pos + 1) == '\n') {
                pos += 2;
                continue;
            }
            if (c == '\n') {
                tokens.add(new Token(";", null));
                pos++;
                continue;
            }
            if (c == '#' && atTokenStart) {
                while (pos < n && s.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            String redirect = redirectOperator();
            if (redirect != null) {
                tokens.add(new Token(redirect, null));
                continue;
            }
            if ((c == '<' || c == '>') && pos + 1 < n && s.charAt(pos + 1) == '(') {
                tokens.add(new Token(null, word()));
                continue;
            }
            if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                tokens.add(new Token(operator(), null));
                continue;
            }
            tokens.add(new Token(null, word()));
        }
        return tokens;
    }

    private String operator() {
        char c = s.charAt(pos);
        char next = pos + 1 < s.length() ? s.charAt(pos + 1) : 0;
        String op;
        if (c == '&' && next == '&') {
            op = "&&";
        } else if (c == '|' && next == '|') {
            op = "||";
        } else if (c == '|' && next == '&') {
            op = "|&";
        } else if (c == ';' && next == ';') {
            op = ";;";
        } else {
            op = String.valueOf(c);
        }
        pos += op.length();
        return op;
    }

    /** A redirection operator at {@code pos} (with an optional file descriptor number), or null. */
    private String redirectOperator() {
        int p = pos;
        int n = s.length();
        while (p < n && Character.isDigit(s.charAt(p))) {
            p++;
        }
        if (p < n && s.charAt(p) == '{' && p == pos) {
            return null;
        }
        if (p >= n) {
            return null;
        }
        char c = s.charAt(p);
        String rest = s.substring(p, Math.min(n, p + 3));
        String op = null;
        if (c == '&' && p == pos) {
            if (rest.startsWith("&>>")) {
                op = "&>>";
            } else if (rest.startsWith("&>")) {
                op = "&>";
            }
        } else if (c == '<') {
            if (rest.startsWith("<<<")) {
                op = "<<<";
            } else if (rest.startsWith("<<-")) {
                op = "<<-";
            } else if (rest.startsWith("<<")) {
                op = "<<";
            } else if (rest.startsWith("<>")) {
                op = "<>";
            } else if (rest.startsWith("<&")) {
                op = "<&";
            } else if (!rest.startsWith("<(")) {
                op = "<";
            }
        } else if (c == '>') {
            if (rest.startsWith(">>")) {
                op = ">>";
            } else if (rest.startsWith(">&")) {
                op = ">&";
            } else if (rest.startsWith(">|")) {
                op = ">|";
            } else if (!rest.startsWith(">(")) {
                op = ">";
            }
        }
        if (op == null) {
            return null;
        }
        pos = p + op.length();
        return op;
    }

    private ShellWord word() throws ShellSyntaxException {
        int start = pos;
        int n = s.length();
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        boolean glob = false;
        boolean expansion = false;
        List<ShellScript> substitutions = new ArrayList<>();
        while (pos < n) {
            char c = s.charAt(pos);
            if ((c == '<' || c == '>') && pos + 1 < n && s.charAt(pos + 1) == '(' && pos == start) {
                int close = matchingParen(pos + 1);
                substitutions.add(parse(s.substring(pos + 2, close), depth + 1));
                text.append(s, pos, close + 1);
                pos = close + 1;
                continue;
            }
            if (c == '('
                    && pos > start
                    && s.charAt(pos - 1) == '='
                    && isAssignment(
                            new ShellWord(text.toString(), s.substring(start, pos), false, false, false, List.of()))) {
                // bash array assignment: name=(a b c)
                int close = matchingParen(pos);
                text.append(s, pos, close + 1);
                pos = close + 1;
                continue;
            }
            if (c == ' '
                    || c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || c == '\f'
                    || c == '\u000b'
                    || c == ';'
                    || c == '&'
                    || c == '|'
                    || c == '('
                    || c == ')'
                    || c == '<'
                    || c == '>') {
                break;
            }
            switch (c) {
                case '\\' -> {
                    if (pos + 1 >= n) {
                        text.append('\\');
                        pos++;
                    } else if (s.charAt(pos + 1) == '\n') {
                        pos += 2;
                    } else {
                        text.append(s.charAt(pos + 1));
                        quoted = true;
                        pos += 2;
                    }
                }
                case '\'' -> {
                    int close = s.indexOf('\'', pos + 1);
                    if (close < 0) {
                        throw new ShellSyntaxException("unterminated single quote");
                    }
                    text.append(s, pos + 1, close);
                    quoted = true;
                    pos = close + 1;
                }
                case '"' -> {
                    pos++;
                    expansion |= doubleQuoted(text, substitutions);
                    quoted = true;
                }
                case '`' -> {
                    backtick(text, substitutions);
                }
                case '$' -> {
                    boolean[] flags = dollar(text, substitutions);
                    expansion |= flags[0];
                    quoted |= flags[1];
                }
                case '*', '?', '[' -> {
                    glob = true;
                    text.append(c);
                    pos++;
                }
                case '{' -> {
                    int close = s.indexOf('}', pos);
                    String inner = close < 0 ? "" : s.substring(pos, close);
                    if (inner.indexOf(',') > 0 || inner.contains("..")) {
                        glob = true;
                    }
                    text.append(c);
                    pos++;
                }
                default -> {
                    text.append(c);
                    pos++;
                }
            }
        }
        return new ShellWord(text.toString(), s.substring(start, pos), quoted, glob, expansion, substitutions);
    }

    /** Reads a double-quoted part, {@code pos} just past the opening quote; returns whether it expands. */
    private boolean doubleQuoted(StringBuilder text, List<ShellScript> substitutions) throws ShellSyntaxException {
        int n = s.length();
        boolean expansion = false;
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return expansion;
            }
            if (c == '\\' && pos + 1 < n) {
                char next = s.charAt(pos + 1);
                if (next == '$' || next == '`' || next == '"' || next == '\\') {
                    text.append(next);
                    pos += 2;
                } else if (next == '\n') {
                    pos += 2;
                } else {
                    text.append(c);
                    pos++;
                }
            } else if (c == '`') {
                backtick(text, substitutions);
            } else if (c == '$') {
                expansion |= dollar(text, substitutions)[0];
            } else {
                text.append(c);
                pos++;
            }
        }
        throw new ShellSyntaxException("unterminated double quote");
    }

    private void backtick(StringBuilder text, List<ShellScript> substitutions) throws ShellSyntaxException {
        int n = s.length();
        StringBuilder inner = new StringBuilder();
        int p = pos + 1;
        while (p < n && s.charAt(p) != '`') {
            char c = s.charAt(p);
            if (c == '\\' && p + 1 < n && "`\\$".indexOf(s.charAt(p + 1)) >= 0) {
                inner.append(s.charAt(p + 1));
                p += 2;
            } else {
                inner.append(c);
                p++;
            }
        }
        if (p >= n) {
            throw new ShellSyntaxException("unterminated backquote");
        }
        substitutions.add(parse(inner.toString(), depth + 1));
        text.append(s, pos, p + 1);
        pos = p + 1;
    }

    /** Reads what follows a {@code $}; returns {expands, quoted}. */
    private boolean[] dollar(StringBuilder text, List<ShellScript> substitutions) throws ShellSyntaxException {
        int n = s.length();
        char next = pos + 1 < n ? s.charAt(pos + 1) : 0;
        if (next == '(') {
            int close = matchingParen(pos + 1);
            boolean arithmetic = pos + 2 < n && s.charAt(pos + 2) == '(';
            String inner = s.substring(pos + 2, close);
            if (arithmetic) {
                for (int i = inner.indexOf("$("); i >= 0; i = inner.indexOf("$(", i + 2)) {
                    substitutions.add(parse(inner.substring(i), depth + 1));
                    break;
                }
            } else {
                substitutions.add(parse(inner, depth + 1));
            }
            text.append(s, pos, close + 1);
            pos = close + 1;
            return new boolean[] {true, false};
        }
        if (next == '{') {
            int close = matchingBrace(pos + 1);
            String inner = s.substring(pos + 2, close);
            int sub = inner.indexOf("$(");
            if (sub >= 0) {
                substitutions.add(
                        parse(inner.substring(sub + 2, Math.max(sub + 2, inner.lastIndexOf(')'))), depth + 1));
            }
            text.append(s, pos, close + 1);
            pos = close + 1;
            return new boolean[] {true, false};
        }
        if (next == '\'') {
            pos += 2;
            text.append(ansiC());
            return new boolean[] {false, true};
        }
        if (next == '"') {
            pos++;
            return new boolean[] {false, false};
        }
        if (Character.isLetterOrDigit(next) || next == '_' || "@*#?$!-".indexOf(next) >= 0 && next != 0) {
            int p = pos + 1;
            if (Character.isLetter(next) || next == '_') {
                while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
                    p++;
                }
            } else {
                p++;
            }
            text.append(s, pos, p);
            pos = p;
            return new boolean[] {true, false};
        }
        text.append('$');
        pos++;
        return new boolean[] {false, false};
    }

    /** Decodes a {@code $'…'} string, {@code pos} just past the opening quote. */
    private String ansiC() throws ShellSyntaxException {
        StringBuilder out = new StringBuilder();
        int n = s.length();
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '\'') {
                pos++;
                return out.toString();
            }
            if (c != '\\' || pos + 1 >= n) {
                out.append(c);
                pos++;
                continue;
            }
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'e', 'E' -> out.append('\u001b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'x' -> out.append((char) number(16, 2));
                case 'u' -> out.appendCodePoint(number(16, 4));
                case 'U' -> out.appendCodePoint(Math.min(Character.MAX_CODE_POINT, number(16, 8)));
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    pos--;
                    out.append((char) (number(8, 3) & 0xff));
                }
                default -> out.append(e);
            }
        }
        throw new ShellSyntaxException("unterminated $'...' string");
    }

    private int number(int radix, int maxDigits) {
        int value = 0;
        int digits = 0;
        while (digits < maxDigits && pos < s.length() && Character.digit(s.charAt(pos), radix) >= 0) {
            value = value * radix + Character.digit(s.charAt(pos), radix);
            pos++;
            digits++;
        }
        return value;
    }

    /** Index of the ')' that closes the '(' at {@code open}, skipping quotes and nested parentheses. */
    private int matchingParen(int open) throws ShellSyntaxException {
        int level = 0;
        int n = s.length();
        for (int p = open; p < n; p++) {
            char c = s.charAt(p);
            if (c == '\\') {
                p++;
            } else if (c == '\'') {
                int close = s.indexOf('\'', p + 1);
                if (close < 0) {
                    throw new ShellSyntaxException("unterminated single quote");
                }
                p = close;
            } else if (c == '"') {
                p = closingDoubleQuote(p);
            } else if (c == '(') {
                level++;
            } else if (c == ')') {
                level--;
                if (level == 0) {
                    return p;
                }
            }
        }
        throw new ShellSyntaxException("unterminated $( or <( substitution");
    }

    private int matchingBrace(int open) throws ShellSyntaxException {
        int level = 0;
        for (int p = open; p < s.length(); p++) {
            char c = s.charAt(p);
            if (c == '\\') {
                p++;
            } else if (c == '{') {
                level++;
            } else if (c == '}' && --level == 0) {
                return p;
            }
        }
        throw new ShellSyntaxException("unterminated ${ expansion");
    }

    private int closingDoubleQuote(int open) throws ShellSyntaxException {
        for (int p = open + 1; p < s.length(); p++) {
            char c = s.charAt(p);
            if (c == '\\') {
                p++;
            } else if (c == '"') {
                return p;
            }
        }
        throw new ShellSyntaxException("unterminated double quote");
    }

    // ---- structure

    private ShellScript build(List<Token> tokens) throws ShellSyntaxException {
        List<SimpleCommand> commands = new ArrayList<>();
        Map<String, List<SimpleCommand>> functions = new HashMap<>();
        Deque<Object[]> openBodies = new ArrayDeque<>();
        String pendingFunction = null;
        int pipeline = 0;
        int stage = 0;
        int braceDepth = 0;
        boolean listHead = false;
        List<ShellWord> assignments = new ArrayList<>();
        List<ShellWord> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.operator() != null && isRedirect(token.operator())) {
                if (i + 1 >= tokens.size() || tokens.get(i + 1).word() == null) {
                    throw new ShellSyntaxException("redirection " + token.operator() + " has no target");
                }
                redirects.add(new Redirect(token.operator(), tokens.get(++i).word()));
                continue;
            }
            if (token.operator() != null) {
                String op = token.operator();
                if (op.equals("(")
                        && words.size() == 1
                        && assignments.isEmpty()
                        && redirects.isEmpty()
                        && i + 1 < tokens.size()
                        && tokens.get(i + 1).isOperator(")")) {
                    pendingFunction = words.get(0).text();
                    words.clear();
                    i++;
                    continue;
                }
                if (op.equals("(") && !words.isEmpty()) {
                    throw new ShellSyntaxException("unexpected '(' after '"
                            + words.get(words.size() - 1).raw() + "' (quote it if it is part of an argument)");
                }
                if (!(words.isEmpty() && assignments.isEmpty() && redirects.isEmpty())) {
                    commands.add(new SimpleCommand(assignments, words, redirects, pipeline, stage));
                    assignments = new ArrayList<>();
                    words = new ArrayList<>();
                    redirects = new ArrayList<>();
                }
                listHead = false;
                if (op.equals("|") || op.equals("|&")) {
                    stage++;
                } else if (!op.equals("(") && !op.equals(")")) {
                    pipeline++;
                    stage = 0;
                }
                continue;
            }
            ShellWord word = token.word();
            if (words.isEmpty() && !listHead) {
                String text = word.quoted() ? null : word.text();
                if ("{".equals(text)) {
                    braceDepth++;
                    if (pendingFunction != null) {
                        openBodies.push(new Object[] {pendingFunction, commands.size(), braceDepth});
                        pendingFunction = null;
                    }
                    continue;
                }
                if ("}".equals(text)) {
                    if (!openBodies.isEmpty() && (int) openBodies.peek()[2] == braceDepth) {
                        Object[] body = openBodies.pop();
                        functions.put((String) body[0], List.copyOf(commands.subList((int) body[1], commands.size())));
                    }
                    braceDepth--;
                    continue;
                }
                if ("function".equals(text)
                        && i + 1 < tokens.size()
                        && tokens.get(i + 1).word() != null) {
                    pendingFunction = tokens.get(++i).word().text();
                    if (i + 2 < tokens.size()
                            && tokens.get(i + 1).isOperator("(")
                            && tokens.get(i + 2).isOperator(")")) {
                        i += 2;
                    }
                    continue;
                }
                if (text != null && RESERVED.contains(text)) {
                    continue;
                }
                if (text != null && LIST_HEADS.contains(text)) {
                    listHead = true;
                    continue;
                }
                if (assignments.size() < 1_000 && isAssignment(word)) {
                    assignments.add(word);
                    continue;
                }
            }
            if (listHead) {
                // the variable and the word list of for/select/case are not commands, but may hold substitutions
                assignments.add(word);
                if ("in".equals(word.text()) || "do".equals(word.text())) {
                    continue;
                }
                continue;
            }
            words.add(word);
        }
        if (!(words.isEmpty() && assignments.isEmpty() && redirects.isEmpty())) {
            commands.add(new SimpleCommand(assignments, words, redirects, pipeline, stage));
        }
        return new ShellScript(commands, pipeline + 1, functions);
    }

    private static boolean isRedirect(String op) {
        return op.startsWith("<") || op.startsWith(">") || op.startsWith("&>");
    }

    private static boolean isAssignment(ShellWord word) {
        String raw = word.raw();
        int equals = raw.indexOf('=');
        if (equals <= 0) {
            return false;
        }
        for (int i = 0; i < equals; i++) {
            char c = raw.charAt(i);
            boolean ok = c == '_'
                    || (c < 128 && Character.isLetter(c))
                    || (i > 0 && c < 128 && Character.isDigit(c))
                    || (c == '+' && i == equals - 1);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
