package dev.toolgate.agent.validation.sql;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.parser.ParserException;
import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.validation.ArgumentValidator;
import dev.toolgate.agent.validation.Verdict;
import dev.toolgate.agent.validation.sql.SqlTokens.Kind;
import dev.toolgate.agent.validation.sql.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code sql} and {@code sql-read}: the statement is parsed with Druid's SQL parser ({@link SqlTreeRules}) and
 * judged on its syntax tree.
 * <ul>
 *   <li>{@code sql-read}: exactly one SELECT (or WITH … SELECT) statement, without SELECT … INTO.</li>
 *   <li>{@code sql}: any single statement except DROP, TRUNCATE, ALTER … DROP, DELETE or UPDATE without a
 *       real WHERE, GRANT/REVOKE, account management and stored-procedure calls.</li>
 *   <li>Both: no stacked statements, no file or command escapes (INTO OUTFILE, xp_cmdshell, COPY … PROGRAM,
 *       LOAD_FILE, …), no time-delay or out-of-band functions, no constant conditions such as {@code OR 1=1}.</li>
 * </ul>
 * Druid parses with the grammars of the {@link SqlDialect} ({@code dialect:}, default {@code generic}: MySQL,
 * then PostgreSQL, Oracle, SQL Server, Hive, the first that parses). {@code sql} also screens what a write puts
 * in the database ({@link SqlWriteValues}).
 *
 * <p>Parsing is bounded by the text's length and parenthesis depth, both capped before the parser runs. Druid's
 * parser is hand-written recursive descent with one token of look-ahead and short local back-tracking: its work
 * grows with the length and its stack with the nesting, and it offers no hook to interrupt a parse, so
 * {@code timeout_ms} is accepted for existing policies but has nothing left to bound. Anything the parser throws,
 * a stack overflow included, is a denial. SQL that cannot be parsed is refused; for {@code sql-read} only, a
 * statement in a dialect the parser's grammar lacks is accepted when its tokens show a single plain SELECT
 * (option {@code strict_parse: true} turns that off).
 */
public final class SqlValidator implements ArgumentValidator {

    public static final String READ_TYPE = "sql-read";
    public static final String WRITE_TYPE = "sql";

    private static final int MAX_NESTING = 64;

    /** Functions and procedures that reach files, the network, the OS, or stall the server. */
    private static final Set<String> DANGEROUS_FUNCTIONS = Set.of(
            "XP_CMDSHELL",
            "XP_REGREAD",
            "XP_REGWRITE",
            "XP_DIRTREE",
            "XP_FILEEXIST",
            "XP_SERVICECONTROL",
            "SP_OACREATE",
            "SP_OAMETHOD",
            "SP_CONFIGURE",
            "SP_EXECUTESQL",
            "SP_ADDLOGIN",
            "SP_ADDSRVROLEMEMBER",
            "SP_PASSWORD",
            "SP_MAKEWEBTASK",
            "OPENROWSET",
            "OPENDATASOURCE",
            "OPENQUERY",
            "LOAD_FILE",
            "PG_READ_FILE",
            "PG_READ_BINARY_FILE",
            "PG_LS_DIR",
            "PG_SLEEP",
            "PG_SLEEP_FOR",
            "PG_SLEEP_UNTIL",
            "LO_IMPORT",
            "LO_EXPORT",
            "LO_FROM_BYTEA",
            "DBLINK",
            "DBLINK_EXEC",
            "SLEEP",
            "BENCHMARK",
            "UTL_HTTP",
            "UTL_INADDR",
            "UTL_FILE",
            "UTL_TCP",
            "UTL_SMTP",
            "HTTPURITYPE",
            "SYS_EXEC",
            "SYS_EVAL",
            "DBMS_PIPE",
            "DBMS_LOCK",
            "DBMS_XMLGEN",
            "DBMS_JAVA",
            "DBMS_SCHEDULER",
            "DBMS_SQL",
            "EXTRACTVALUE",
            "UPDATEXML",
            "WAITFOR",
            "SHUTDOWN",
            "READFILE",
            "WRITEFILE",
            "LOAD_EXTENSION",
            "FILE_WRITE",
            "FILE_READ",
            "SYSTEM",
            "SHELL",
            "EXEC",
            "EXECUTE",
            "CURL",
            "HTTP_GET",
            "URL",
            "S3");

    /** Words that make a statement write, change the schema, or escape to files and programs. */
    private static final Set<String> WRITE_WORDS = Set.of(
            "INSERT",
            "UPDATE",
            "DELETE",
            "MERGE",
            "UPSERT",
            "REPLACE",
            "DROP",
            "CREATE",
            "ALTER",
            "TRUNCATE",
            "RENAME",
            "GRANT",
            "REVOKE",
            "EXEC",
            "EXECUTE",
            "CALL",
            "COPY",
            "LOAD",
            "INTO",
            "OUTFILE",
            "DUMPFILE",
            "ATTACH",
            "DETACH",
            "PRAGMA",
            "SET",
            "DECLARE",
            "SHUTDOWN",
            "KILL",
            "BACKUP",
            "RESTORE",
            "LOCK",
            "UNLOCK",
            "HANDLER",
            "DO",
            "VACUUM",
            "REINDEX",
            "CLUSTER",
            "COMMENT",
            "SECURITY",
            "PREPARE",
            "DEALLOCATE",
            "LISTEN",
            "NOTIFY",
            "BEGIN",
            "COMMIT",
            "ROLLBACK",
            "IMPORT",
            "EXPORT",
            "UNLOAD",
            "PUT",
            "REMOVE",
            "OPTIMIZE",
            "ANALYZE",
            "FLUSH",
            "PURGE",
            "RESET");

    static final Set<String> COMPARISONS =
            Set.of("=", "<>", "!=", ">", "<", ">=", "<=", "LIKE", "IS", "REGEXP", "RLIKE", "GLOB");

    private final boolean readOnly;
    private final SqlDialect dialect;
    private final SqlWriteValues writeValues;
    /** Catalog tables of accounts and privileges (rule sql.privilege-catalogs) without and with their schema. */
    private final java.util.NavigableMap<String, String> bareCatalogs =
            new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private final java.util.NavigableMap<String, java.util.NavigableMap<String, String>> catalogsBySchema =
            new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** Hashes of those names and schemas, lower case, sorted: most words are passed over on a hash alone. */
    private final int[] catalogNameHashes;

    private final int maxLength;
    private final boolean strictParse;

    /**
     * @param timeoutMillis accepted so that policies setting {@code timeout_ms} keep loading; Druid's parser
     *                      cannot be interrupted, the length and nesting caps bound it instead
     */
    public SqlValidator(boolean readOnly, int maxLength, long timeoutMillis, boolean strictParse) {
        this(readOnly, maxLength, timeoutMillis, strictParse, SqlDialect.GENERIC, RulePack.builtIn());
    }

    public SqlValidator(
            boolean readOnly,
            int maxLength,
            long timeoutMillis,
            boolean strictParse,
            SqlDialect dialect,
            RulePack pack) {
        this.dialect = dialect;
        this.writeValues = readOnly ? null : new SqlWriteValues(pack);
        splitCatalogs(pack.table("sql.privilege-catalogs"), bareCatalogs, catalogsBySchema);
        this.catalogNameHashes = java.util.stream.Stream.concat(
                        bareCatalogs.keySet().stream(), catalogsBySchema.keySet().stream())
                .mapToInt(name -> name.toLowerCase(Locale.ROOT).hashCode())
                .sorted()
                .toArray();
        this.readOnly = readOnly;
        this.maxLength = maxLength;
        this.strictParse = strictParse;
    }

    /** The reason this SQL is refused, or null when it is allowed. */
    public String reason(String sql) {
        Verdict verdict = check(sql);
        return verdict.allowed() ? null : verdict.reason();
    }

    @Override
    public String type() {
        return readOnly ? READ_TYPE : WRITE_TYPE;
    }

    /**
     * Agents send the same statements again and again (one per tool template), and a parse costs far
     * more than a look-up: verdicts on short statements are kept, a bounded number, least recently used first out.
     */
    private static final int CACHE_ENTRIES = 1024;

    private static final int CACHED_LENGTH = 4096;
    private final java.util.Map<String, Verdict> cache = boundedCache();

    /** Tree verdicts per statement shape ({@link SqlShape}): a new statement of a known shape is not parsed. */
    private final java.util.Map<String, Verdict> shapes = boundedCache();

    private static final Verdict UNPARSABLE_SHAPE = Verdict.deny("the shape does not parse");

    /** At most {@link #CACHE_ENTRIES} verdicts, the least recently used going first. */
    private static java.util.Map<String, Verdict> boundedCache() {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Verdict> eldest) {
                return size() > CACHE_ENTRIES;
            }
        });
    }

    @Override
    public Verdict check(String value) {
        if (value.length() > CACHED_LENGTH) {
            return judge(value);
        }
        Verdict cached = cache.get(value);
        if (cached == null) {
            cached = judge(value);
            cache.put(value, cached);
        }
        return cached;
    }

    private Verdict judge(String value) {
        if (value.length() > maxLength) {
            return Verdict.deny("the SQL is " + value.length() + " characters long, over the limit of " + maxLength);
        }
        if (dev.toolgate.agent.validation.Utf16.firstUnpairedSurrogate(value) >= 0) {
            return Verdict.deny(
                    "the SQL contains an unpaired UTF-16 surrogate, which cannot be encoded as" + " written");
        }
        if (value.indexOf('\0') >= 0) {
            return Verdict.deny("the SQL contains a NUL byte");
        }
        SqlTokens.Lexed lexed;
        try {
            lexed = SqlTokens.lex(value);
        } catch (SqlTokens.LexException e) {
            return Verdict.deny("the SQL cannot be parsed: " + e.getMessage() + " (a typical sign of injection)");
        }
        List<Token> tokens = lexed.tokens();
        if (tokens.isEmpty()) {
            return Verdict.deny("the SQL is empty");
        }
        String reason = tokenRules(tokens);
        if (reason == null && lexed.separatorInComment()) {
            reason = "a ';' inside a comment: dialects disagree on where comments end ('#' starts one only in MySQL),"
                    + " so a second statement can hide there";
        }
        if (reason != null) {
            return Verdict.deny(reason);
        }
        Verdict catalog = privilegeCatalog(tokens);
        if (catalog != null) {
            return catalog;
        }
        if (writeValues != null) {
            Verdict written = writeValues.check(tokens);
            if (written != null) {
                return written;
            }
        }
        int nesting = nesting(tokens);
        if (nesting > MAX_NESTING) {
            return Verdict.deny("the SQL nests parentheses more than " + MAX_NESTING + " deep");
        }
        if (value.indexOf('\\') >= 0 && hasInnerSeparator(tokens)) {
            return Verdict.deny("stacked statements: a backslash before a quote hides a ';' from MySQL, which"
                    + " reads it as escaping the quote, but not from standard SQL, which ends the string there");
        }
        String shape = value.length() <= CACHED_LENGTH ? SqlShape.of(value) : null;
        if (shape != null) {
            Verdict byShape = treeVerdictOfShape(shape, tokens);
            if (byShape != null) {
                return byShape;
            }
        }
        List<SQLStatement> statements;
        try {
            statements = parse(value, separators(tokens));
        } catch (ParseFailure failure) {
            List<SQLStatement> bridged = failure.grammarGap ? parseRestated(value, tokens) : null;
            if (bridged != null) {
                return treeVerdict(bridged, tokens);
            }
            if (readOnly && !strictParse && failure.grammarGap) {
                String fallback = plainSelectByTokens(tokens, lexed.comments());
                return fallback == null
                        ? Verdict.ALLOW
                        : Verdict.deny("the SQL cannot be parsed (" + failure.getMessage() + ") and " + fallback);
            }
            return Verdict.deny("the SQL cannot be parsed: " + failure.getMessage());
        }
        return treeVerdict(statements, tokens);
    }

    private Verdict treeVerdict(List<SQLStatement> statements, List<Token> tokens) {
        if (statements.isEmpty()) {
            return Verdict.deny("the SQL holds no statement");
        }
        if (statements.size() > 1) {
            return Verdict.deny("stacked statements: " + statements.size() + " statements where one is expected");
        }
        String reason;
        try {
            reason = readOnly
                    ? SqlTreeRules.readRules(statements.get(0), tokens)
                    : SqlTreeRules.writeRules(statements.get(0), tokens);
        } catch (StackOverflowError e) {
            // Druid builds long operator chains (a AND b AND …) without recursing, but walks them recursively:
            // the nesting cap counts parentheses only, so a long enough chain overflows the walk
            return Verdict.deny("the SQL cannot be judged: its expressions chain too deeply to walk");
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // a syntax tree Druid built but cannot render or walk: refused, never waved through
            return Verdict.deny("the SQL cannot be judged: " + readable(e));
        }
        return reason == null ? Verdict.ALLOW : Verdict.deny(reason);
    }

    /** A {@code ;} with more tokens after it: a second statement in the standard reading of the text. */
    private static boolean hasInnerSeparator(List<Token> tokens) {
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.SYMBOL
                    && token.text().equals(";")
                    && !(tokens.get(i + 1).kind() == Kind.SYMBOL
                            && tokens.get(i + 1).text().equals(";"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The syntax-tree verdict for every statement of this shape, parsed once per shape; null when the shape does
     * not parse (a literal where the grammar wants one, such as {@code DATE '2024-01-01'}), so that the statement
     * itself is parsed.
     */
    private Verdict treeVerdictOfShape(String shape, List<Token> tokens) {
        int separators = separators(tokens);
        Verdict known = shapes.get(shape);
        if (known == null) {
            try {
                known = treeVerdict(parse(shape, separators), tokens);
            } catch (ParseFailure failure) {
                // the statement itself is parsed next, and refused if the parser fails on it too
                known = UNPARSABLE_SHAPE;
            }
            shapes.put(shape, known);
        }
        return known == UNPARSABLE_SHAPE ? null : known;
    }

    // ---- token rules, for both modes: what no legitimate query of either kind needs

    private static String tokenRules(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String upper = token.upper();
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (token.kind() == Kind.WORD) {
                if (upper.startsWith("XP_") || upper.startsWith("SP_OA")) {
                    return "calls the system procedure " + token.text();
                }
                if ((upper.equals("OUTFILE") || upper.equals("DUMPFILE"))
                        && i > 0
                        && tokens.get(i - 1).isWord("INTO")) {
                    return "writes query results to a file (INTO " + upper + ")";
                }
                if (upper.equals("PROGRAM") && tokens.stream().anyMatch(t -> t.isWord("COPY"))) {
                    return "COPY ... PROGRAM runs a shell command on the database server";
                }
                if (upper.equals("WAITFOR") && next != null && (next.isWord("DELAY") || next.isWord("TIME"))) {
                    return "WAITFOR " + next.upper() + " stalls the server (time-based injection)";
                }
                String function = upper.contains(".") ? upper.substring(upper.lastIndexOf('.') + 1) : upper;
                boolean samplingMethod = i > 0 && tokens.get(i - 1).isWord("TABLESAMPLE");
                if (DANGEROUS_FUNCTIONS.contains(upper)
                                && !samplingMethod
                                && next != null
                                && (next.text().equals("(") || next.text().equals("."))
                        || upper.startsWith("DBMS_")
                                && next != null
                                && next.text().equals(".")
                        || upper.startsWith("UTL_")
                                && next != null
                                && next.text().equals(".")) {
                    if (!(function.equals("EXEC") || function.equals("EXECUTE"))
                            || next.text().equals("(")) {
                        return "calls " + token.text() + ", which reaches files, the network or the OS, or stalls the"
                                + " server";
                    }
                }
            }
            if (token.isWord("OR") && constantCondition(tokens, i + 1)) {
                return "constant condition after OR (" + render(tokens, i + 1, 3) + "), typical of SQL injection";
            }
            if (token.isWord("WHEN") && constantCondition(tokens, i + 1)) {
                // a CASE whose branch is fixed by its text computes nothing: it is a yes/no probe of blind injection
                return "constant condition after WHEN (" + render(tokens, i + 1, 3) + "), a boolean probe typical of"
                        + " blind SQL injection";
            }
        }
        return null;
    }

    /** {@code 1=1}, {@code 'a'='a'}, {@code 2>1}, {@code TRUE}, or a lone literal ending the clause. */
    /** A read of the tables where the database keeps its accounts, password hashes and grants, or null. */
    private Verdict privilegeCatalog(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.WORD && token.kind() != Kind.QUOTED_NAME
                    || java.util.Arrays.binarySearch(catalogNameHashes, lowerHash(token.text())) < 0) {
                continue;
            }
            // case-insensitive maps: no lower-cased copy of every word
            java.util.NavigableMap<String, String> tables = catalogsBySchema.get(token.text());
            boolean qualified = tables != null
                    && i + 2 < tokens.size()
                    && tokens.get(i + 1).text().equals(".")
                    && tokens.get(i + 2).kind() != Kind.SYMBOL;
            String rule = qualified ? tables.get(tokens.get(i + 2).text()) : bareCatalogs.get(token.text());
            if (rule != null) {
                String name = qualified ? token.text() + "." + tokens.get(i + 2).text() : token.text();
                return Verdict.deny(
                        "reads " + name + ", where the database keeps its accounts, password hashes or grants", rule);
            }
        }
        return null;
    }

    /** {@link String#hashCode} of the lower-cased text, without making the lower-cased copy. */
    private static int lowerHash(String text) {
        int hash = 0;
        for (int i = 0; i < text.length(); i++) {
            hash = 31 * hash + Character.toLowerCase(text.charAt(i));
        }
        return hash;
    }

    /** The catalog rule's table, split into bare names and per-schema names, both matched ignoring case. */
    private static void splitCatalogs(
            Map<String, String> table,
            java.util.NavigableMap<String, String> bare,
            java.util.NavigableMap<String, java.util.NavigableMap<String, String>> bySchema) {
        for (Map.Entry<String, String> entry : table.entrySet()) {
            String name = entry.getKey();
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                bare.put(name, entry.getValue());
            } else {
                bySchema.computeIfAbsent(
                                name.substring(0, dot),
                                schema -> new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER))
                        .put(name.substring(dot + 1), entry.getValue());
            }
        }
    }

    private static boolean constantCondition(List<Token> tokens, int at) {
        int i = at;
        while (i < tokens.size() && tokens.get(i).text().equals("(")) {
            i++;
        }
        if (i >= tokens.size() || !tokens.get(i).isLiteral()) {
            return false;
        }
        Token operator = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (operator == null
                || operator.text().equals(")")
                || operator.text().equals(";")
                || operator.isWord("OR")
                || operator.isWord("AND")
                || operator.isWord("ORDER")
                || operator.isWord("LIMIT")) {
            return !tokens.get(i).isWord("NULL")
                    && !tokens.get(i).text().equals("0")
                    && !tokens.get(i).isWord("FALSE");
        }
        if (!COMPARISONS.contains(operator.upper())) {
            return false;
        }
        int right = i + 2;
        if (right < tokens.size() && tokens.get(right).isWord("NOT")) {
            right++;
        }
        return right < tokens.size() && tokens.get(right).isLiteral();
    }

    private static String render(List<Token> tokens, int from, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < Math.min(tokens.size(), from + count); i++) {
            Token token = tokens.get(i);
            out.append(i > from ? " " : "")
                    .append(token.kind() == Kind.STRING ? "'" + token.text() + "'" : token.text());
        }
        return out.toString();
    }

    private static int nesting(List<Token> tokens) {
        int depth = 0;
        int max = 0;
        for (Token token : tokens) {
            if (token.text().equals("(") && token.kind() == Kind.SYMBOL) {
                max = Math.max(max, ++depth);
            } else if (token.text().equals(")") && token.kind() == Kind.SYMBOL) {
                depth--;
            }
        }
        return max;
    }

    /**
     * For dialect syntax the parser lacks: null when the tokens show one plain read statement, else why not.
     */
    private static String plainSelectByTokens(List<Token> tokens, int comments) {
        if (comments > 0) {
            return "it carries comments";
        }
        Token first = tokens.get(0);
        if (!(first.isWord("SELECT")
                || first.isWord("WITH")
                || first.isWord("VALUES")
                || first.text().equals("(")
                        && tokens.size() > 1
                        && tokens.get(1).isWord("SELECT"))) {
            return "it does not start with SELECT or WITH";
        }
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.SYMBOL && token.text().equals(";") && i != tokens.size() - 1) {
                return "it holds more than one statement";
            }
            if (token.kind() == Kind.SYMBOL && token.text().equals("(")) {
                depth++;
            } else if (token.kind() == Kind.SYMBOL && token.text().equals(")") && --depth < 0) {
                return "its parentheses do not balance";
            }
            boolean qualified = i > 0 && tokens.get(i - 1).text().equals(".");
            if (token.kind() == Kind.WORD && !qualified && WRITE_WORDS.contains(token.upper())) {
                return "it contains " + token.upper();
            }
        }
        return depth == 0 ? null : "its parentheses do not balance";
    }

    // ---- bounded parsing

    private static final class ParseFailure extends Exception {
        private static final long serialVersionUID = 1L;
        /** The parser rejected the syntax (a grammar gap the token fallback may judge), rather than failing. */
        final boolean grammarGap;

        ParseFailure(String message, boolean grammarGap) {
            super(message);
            this.grammarGap = grammarGap;
        }
    }

    /**
     * Parses with Druid. Its {@link ParserException} means syntax the grammar lacks; anything else it throws (a
     * stack overflow, a bug on a rare path, a class of an optional library Druid reaches for) is a parser fault,
     * which no fallback turns into an allow.
     */
    private List<SQLStatement> parse(String sql, int separators) throws ParseFailure {
        ParseFailure first = null;
        List<DbType> grammars = dialect.grammars();
        for (int g = 0; g < grammars.size(); g++) {
            try {
                List<SQLStatement> statements = SQLUtils.parseStatements(sql, grammars.get(g));
                // a grammar that reads more statements than the text has separators misread it (Oracle's reads
                // "DATE ?" as two): another grammar may read it as written
                if (statements.size() <= separators + 1) {
                    return statements;
                }
                first = first != null
                        ? first
                        : new ParseFailure(
                                "the " + grammars.get(g) + " grammar reads " + statements.size()
                                        + " statements where the text separates " + (separators + 1),
                                true);
            } catch (ParserException e) {
                first = first != null ? first : new ParseFailure(firstLine(e.getMessage()), true);
            } catch (StackOverflowError e) {
                throw new ParseFailure("the statement nests too deeply", false);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // Druid fails on some odd input with its own exceptions (an unknown interval unit ends in
                // IllegalArgumentException): a statement no grammar reads, said in words
                first = first != null
                        ? first
                        : new ParseFailure("the parser could not read it (" + readable(e) + ")", false);
            }
        }
        throw first;
    }

    /**
     * The statements of {@code value} restated in syntax the grammars read ({@link GrammarBridges}), or null when
     * there is nothing to restate or the restated text does not parse either.
     */
    private List<SQLStatement> parseRestated(String value, List<Token> tokens) {
        String restated = GrammarBridges.restate(value, tokens);
        if (restated == null) {
            return null;
        }
        try {
            return parse(restated, separators(tokens));
        } catch (ParseFailure again) {
            return null;
        }
    }

    /** The {@code ;} tokens that have more tokens after them. */
    private static int separators(List<Token> tokens) {
        int count = 0;
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (tokens.get(i).kind() == Kind.SYMBOL && tokens.get(i).text().equals(";")) {
                count++;
            }
        }
        return count;
    }

    /** An exception's kind and first line, without Java package names. */
    private static String readable(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + firstLine(e.getMessage());
        return (e.getClass().getSimpleName() + message).replaceAll("\\b([a-z][a-z0-9_]*\\.)+(?=[A-Z])", "");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String line = message.lines().findFirst().orElse("syntax error").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
