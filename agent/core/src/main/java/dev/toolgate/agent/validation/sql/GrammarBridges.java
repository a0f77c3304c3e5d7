package dev.toolgate.agent.validation.sql;

import dev.toolgate.agent.validation.sql.SqlTokens.Kind;
import dev.toolgate.agent.validation.sql.SqlTokens.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Standard and warehouse syntax none of Druid's grammars reads, restated in syntax they do, for a second parse
 * once every grammar of the dialect has refused the text: {@code QUALIFY} as {@code HAVING} (or joined to the
 * {@code HAVING} there is), the SQL/JSON constructors' {@code KEY … VALUE} and {@code name : value} pairs as
 * plain arguments with their clauses ({@code ABSENT ON NULL}, {@code RETURNING type}, {@code FORMAT JSON},
 * {@code WITH WRAPPER}, {@code … ON ERROR}) dropped, {@code f(…) WITHIN GROUP (ORDER BY x)} as {@code f(…, x)},
 * {@code FETCH … WITH TIES} as {@code FETCH … ONLY}, {@code GROUPS} frames as {@code ROWS} and frame
 * {@code EXCLUDE} clauses, {@code TABLESAMPLE}'s numeric {@code REPEATABLE} seed and the end unit of an interval
 * literal's range ({@code INTERVAL '4 5:12' DAY TO MINUTE}) dropped. Only keywords are dropped or replaced: every expression of the statement is in
 * the restated text, so the syntax-tree rules still see all it computes.
 */
final class GrammarBridges {

    private static final Set<String> JSON_FUNCTIONS = Set.of(
            "JSON_OBJECT",
            "JSON_OBJECTAGG",
            "JSON_ARRAY",
            "JSON_ARRAYAGG",
            "JSON_QUERY",
            "JSON_VALUE",
            "JSON_EXISTS",
            "JSON_SERIALIZE",
            "JSON_SCALAR");

    private static final Set<String> INTERVAL_UNITS = Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

    /** Where a QUALIFY condition ends at its own depth. */
    private static final Set<String> AFTER_QUALIFY =
            Set.of("ORDER", "LIMIT", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "MINUS", "FETCH", "OFFSET");

    private record Edit(int start, int end, String text) {}

    private GrammarBridges() {}

    /** The statement restated, or null when it uses none of these constructs. */
    static String restate(String sql, List<Token> tokens) {
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.WORD || token.start() < 0) {
                continue;
            }
            String word = token.upper();
            if (word.equals("QUALIFY")) {
                qualify(tokens, i, edits);
            } else if (JSON_FUNCTIONS.contains(word) && is(tokens, i + 1, "(")) {
                json(tokens, i + 1, edits);
            } else if (word.equals("WITHIN") && isWord(tokens, i + 1, "GROUP") && is(tokens, i + 2, "(")) {
                withinGroup(tokens, i, edits);
            } else if (word.equals("WITH")
                    && isWord(tokens, i + 1, "TIES")
                    && (isWord(tokens, i - 1, "ROWS") || isWord(tokens, i - 1, "ROW"))) {
                edits.add(replace(token, tokens.get(i + 1), "ONLY"));
            } else if (word.equals("GROUPS")
                    && (isWord(tokens, i + 1, "BETWEEN")
                            || isWord(tokens, i + 1, "UNBOUNDED")
                            || isWord(tokens, i + 1, "CURRENT")
                            || isWord(tokens, i + 2, "PRECEDING"))) {
                edits.add(replace(token, token, "ROWS"));
            } else if (word.equals("TO")
                    && i >= 3
                    && tokens.get(i - 3).isWord("INTERVAL")
                    && tokens.get(i - 2).kind() == Kind.STRING
                    && i + 1 < tokens.size()
                    && INTERVAL_UNITS.contains(tokens.get(i - 1).upper())
                    && INTERVAL_UNITS.contains(tokens.get(i + 1).upper())) {
                // INTERVAL '4 5:12' DAY TO MINUTE: a literal; the range's end unit is dropped, nothing computed
                edits.add(replace(token, tokens.get(i + 1), ""));
            } else if (word.equals("REPEATABLE")
                    && is(tokens, i - 1, ")")
                    && is(tokens, i + 1, "(")
                    && i + 3 < tokens.size()
                    && tokens.get(i + 2).kind() == Kind.NUMBER
                    && is(tokens, i + 3, ")")) {
                // TABLESAMPLE's seed, a number: nothing is computed
                edits.add(replace(token, tokens.get(i + 3), ""));
            } else if (word.equals("EXCLUDE")
                    && (isWord(tokens, i - 1, "ROW")
                            || isWord(tokens, i - 1, "PRECEDING")
                            || isWord(tokens, i - 1, "FOLLOWING"))) {
                int last = isWord(tokens, i + 1, "CURRENT") || isWord(tokens, i + 1, "NO") ? i + 2 : i + 1;
                if (last < tokens.size()) {
                    edits.add(replace(token, tokens.get(last), ""));
                }
            }
        }
        if (edits.isEmpty()) {
            return null;
        }
        edits.sort(Comparator.comparingInt(Edit::start));
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int at = 0;
        for (Edit edit : edits) {
            if (edit.start() < at) {
                // two bridges over one span: the text is not one of the shapes they know
                return null;
            }
            out.append(sql, at, edit.start()).append(' ').append(edit.text()).append(' ');
            at = edit.end();
        }
        return out.append(sql, at, sql.length()).toString();
    }

    /** {@code QUALIFY cond}: {@code HAVING cond}, or {@code HAVING (h) AND (cond)} after a HAVING. */
    private static void qualify(List<Token> tokens, int at, List<Edit> edits) {
        Token previous = at > 0 ? tokens.get(at - 1) : null;
        if (previous == null
                || at + 1 >= tokens.size()
                || previous.text().equals(".")
                || previous.text().equals(",")
                || previous.isWord("AS")
                || previous.isWord("SELECT")
                || Set.of(",", ")", ";", ".", "=").contains(tokens.get(at + 1).text())
                        && tokens.get(at + 1).kind() == Kind.SYMBOL) {
            return; // a column called qualify
        }
        int depth = 0;
        int having = -1;
        boolean from = false;
        for (int i = at - 1; i >= 0; i--) {
            String text = tokens.get(i).text();
            if (tokens.get(i).kind() == Kind.SYMBOL && text.equals(")")) {
                depth++;
            } else if (tokens.get(i).kind() == Kind.SYMBOL && text.equals("(")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && tokens.get(i).isWord("HAVING") && having < 0) {
                having = i;
            } else if (depth == 0 && tokens.get(i).isWord("FROM")) {
                from = true;
            } else if (depth == 0 && tokens.get(i).isWord("SELECT")) {
                break;
            }
        }
        if (!from) {
            return;
        }
        Token qualify = tokens.get(at);
        if (having < 0) {
            edits.add(replace(qualify, qualify, "HAVING"));
            return;
        }
        int end = at + 1;
        depth = 0;
        for (; end < tokens.size(); end++) {
            Token token = tokens.get(end);
            if (token.kind() == Kind.SYMBOL && token.text().equals("(")) {
                depth++;
            } else if (token.kind() == Kind.SYMBOL && token.text().equals(")")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0
                    && (token.kind() == Kind.SYMBOL && token.text().equals(";")
                            || token.kind() == Kind.WORD && AFTER_QUALIFY.contains(token.upper()))) {
                break;
            }
        }
        Token having0 = tokens.get(having);
        edits.add(replace(having0, having0, "HAVING ("));
        edits.add(replace(qualify, qualify, ") AND ("));
        Token last = tokens.get(end - 1);
        edits.add(new Edit(last.end(), last.end(), ")"));
    }

    /** The arguments of a SQL/JSON function from its {@code (}: pairs and clauses restated as plain arguments. */
    private static void json(List<Token> tokens, int open, List<Edit> edits) {
        int depth = 0;
        boolean argumentStart = true;
        for (int i = open + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String text = token.text();
            if (token.kind() == Kind.SYMBOL && text.equals("(")) {
                depth++;
                argumentStart = false;
                continue;
            }
            if (token.kind() == Kind.SYMBOL && text.equals(")")) {
                if (depth == 0) {
                    return;
                }
                depth--;
                continue;
            }
            if (depth > 0) {
                continue;
            }
            if (token.kind() == Kind.SYMBOL && text.equals(",")) {
                argumentStart = true;
                continue;
            }
            boolean wasStart = argumentStart;
            argumentStart = false;
            if (token.kind() == Kind.SYMBOL && text.equals(":")) {
                edits.add(replace(token, token, ","));
            } else if (token.kind() != Kind.WORD) {
                continue;
            } else if (wasStart && token.isWord("KEY") && i + 1 < tokens.size() && !is(tokens, i + 1, ",")) {
                edits.add(replace(token, token, ""));
                argumentStart = true;
            } else if (!wasStart && token.isWord("VALUE")) {
                edits.add(replace(token, token, ","));
            } else if ((token.isWord("NULL") || token.isWord("ABSENT"))
                    && isWord(tokens, i + 1, "ON")
                    && isWord(tokens, i + 2, "NULL")) {
                edits.add(replace(token, tokens.get(i + 2), ""));
                i += 2;
            } else if (token.isWord("RETURNING") && i + 1 < tokens.size()) {
                int last = i + 1;
                if (is(tokens, last + 1, "(")) {
                    last = closing(tokens, last + 1);
                }
                if (last < 0) {
                    return;
                }
                edits.add(replace(token, tokens.get(last), ""));
                i = last;
            } else if (token.isWord("FORMAT") && isWord(tokens, i + 1, "JSON")) {
                int last = isWord(tokens, i + 2, "ENCODING") && i + 3 < tokens.size() ? i + 3 : i + 1;
                edits.add(replace(token, tokens.get(last), ""));
                i = last;
            } else if (token.isWord("WITH") || token.isWord("WITHOUT")) {
                int last = i + 1;
                while (isWord(tokens, last, "CONDITIONAL")
                        || isWord(tokens, last, "UNCONDITIONAL")
                        || isWord(tokens, last, "ARRAY")) {
                    last++;
                }
                if (isWord(tokens, last, "UNIQUE")) {
                    last = isWord(tokens, last + 1, "KEYS") ? last + 1 : last;
                } else if (!isWord(tokens, last, "WRAPPER")) {
                    continue;
                }
                edits.add(replace(token, tokens.get(last), ""));
                i = last;
            } else if ((token.isWord("KEEP") || token.isWord("OMIT")) && isWord(tokens, i + 1, "QUOTES")) {
                int last = i + 1;
                if (isWord(tokens, i + 2, "ON") && isWord(tokens, i + 3, "SCALAR") && isWord(tokens, i + 4, "STRING")) {
                    last = i + 4;
                }
                edits.add(replace(token, tokens.get(last), ""));
                i = last;
            } else if (isWord(tokens, i + 1, "ON")
                    && (isWord(tokens, i + 2, "ERROR") || isWord(tokens, i + 2, "EMPTY"))
                    && Set.of("ERROR", "NULL", "EMPTY", "TRUE", "FALSE", "UNKNOWN", "ARRAY", "OBJECT")
                            .contains(token.upper())) {
                int first = token.isWord("ARRAY") || token.isWord("OBJECT") ? i - 1 : i;
                edits.add(replace(tokens.get(first), tokens.get(i + 2), ""));
                i += 2;
            } else if (token.isWord("DEFAULT")) {
                // DEFAULT expr ON ERROR: the expression stays, as one more argument
                edits.add(replace(token, token, ","));
            } else if (token.isWord("ON") && (isWord(tokens, i + 1, "ERROR") || isWord(tokens, i + 1, "EMPTY"))) {
                edits.add(replace(token, tokens.get(i + 1), ""));
                i++;
            }
        }
    }

    /** {@code f(args) WITHIN GROUP (ORDER BY list)}: {@code f(args, list)}, directions dropped. */
    private static void withinGroup(List<Token> tokens, int within, List<Edit> edits) {
        if (within == 0
                || !is(tokens, within - 1, ")")
                || !isWord(tokens, within + 3, "ORDER")
                || !isWord(tokens, within + 4, "BY")) {
            return;
        }
        Token callClose = tokens.get(within - 1);
        boolean noArguments = within >= 2 && is(tokens, within - 2, "(");
        int close = closing(tokens, within + 2);
        if (close < 0) {
            return;
        }
        edits.add(replace(callClose, callClose, ""));
        edits.add(replace(tokens.get(within), tokens.get(within + 4), noArguments ? "" : ","));
        int depth = 0;
        for (int i = within + 5; i < close; i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.SYMBOL && token.text().equals("(")) {
                depth++;
            } else if (token.kind() == Kind.SYMBOL && token.text().equals(")")) {
                depth--;
            } else if (depth == 0 && (token.isWord("ASC") || token.isWord("DESC"))) {
                edits.add(replace(token, token, ""));
            } else if (depth == 0
                    && token.isWord("NULLS")
                    && (isWord(tokens, i + 1, "FIRST") || isWord(tokens, i + 1, "LAST"))) {
                edits.add(replace(token, tokens.get(i + 1), ""));
                i++;
            }
        }
    }

    /** The index of the {@code )} that closes the {@code (} at {@code open}, or -1. */
    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.SYMBOL && token.text().equals("(")) {
                depth++;
            } else if (token.kind() == Kind.SYMBOL && token.text().equals(")") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Edit replace(Token first, Token last, String text) {
        return new Edit(first.start(), last.end(), text);
    }

    private static boolean is(List<Token> tokens, int i, String symbol) {
        return i >= 0
                && i < tokens.size()
                && tokens.get(i).kind() == Kind.SYMBOL
                && tokens.get(i).text().equals(symbol);
    }

    private static boolean isWord(List<Token> tokens, int i, String word) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isWord(word);
    }
}
