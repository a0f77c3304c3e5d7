package dev.toolgate.agent.validation.sql;

import dev.toolgate.agent.rules.Rule;
import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.screening.SecretScanner;
import dev.toolgate.agent.validation.Verdict;
import dev.toolgate.agent.validation.sql.SqlTokens.Kind;
import dev.toolgate.agent.validation.sql.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an INSERT, UPDATE, REPLACE, MERGE or upsert ({@code ON DUPLICATE KEY UPDATE}, {@code ON CONFLICT … DO
 * UPDATE}) writes: the string values, screened with the {@code sql.value-*} rules of the pack (shell payloads,
 * script code) and for secrets, and the target table, refused when it schedules jobs ({@code sql.scheduler-tables})
 * or when credential columns of an account table are written ({@code sql.account-tables},
 * {@code sql.credential-columns}). Read from the tokens, so that it holds for every dialect and for statements
 * judged by their shape without a parse.
 */
final class SqlWriteValues {

    private static final Set<String> WRITE_VERBS = Set.of("INSERT", "UPDATE", "REPLACE", "UPSERT", "MERGE");

    /** Words between the verb and the table's name. */
    private static final Set<String> BEFORE_TABLE = Set.of(
            "INTO", "TABLE", "OVERWRITE", "IGNORE", "LOW_PRIORITY", "HIGH_PRIORITY", "DELAYED", "ONLY", "TOP", "OR");

    private final List<Rule> valueRules;
    private final Map<String, String> schedulerTables;
    private final Map<String, String> accountTables;
    private final Map<String, String> credentialColumns;
    private final SecretScanner secrets;

    SqlWriteValues(RulePack pack) {
        this.valueRules = pack.group("sql");
        this.schedulerTables = pack.table("sql.scheduler-tables");
        this.accountTables = pack.table("sql.account-tables");
        this.credentialColumns = pack.table("sql.credential-columns");
        this.secrets = new SecretScanner(List.of(), List.of(), pack);
    }

    /** The refusal of what the statement writes, or null; null too for statements that write nothing. */
    Verdict check(List<Token> tokens) {
        int verb = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.WORD
                    && WRITE_VERBS.contains(token.upper())
                    && !(i > 0 && tokens.get(i - 1).text().equals("."))) {
                verb = i;
                break;
            }
        }
        if (verb < 0) {
            return null;
        }
        String table = target(tokens, verb);
        if (table != null && schedulerTables.containsKey(table)) {
            return Verdict.deny(
                    tokens.get(verb).upper() + " into the job scheduler table " + table
                            + ": a row written there is a command that will run",
                    schedulerTables.get(table));
        }
        if (table != null && accountTables.containsKey(table)) {
            for (Token token : tokens) {
                String name = name(token);
                if (name != null && credentialColumns.containsKey(name)) {
                    return Verdict.deny(
                            "writes the credential or privilege column " + name + " of the account table " + table,
                            credentialColumns.get(name));
                }
            }
        }
        for (Token token : tokens) {
            // MySQL reads "…" as a string too
            if (token.kind() != Kind.STRING && token.kind() != Kind.QUOTED_NAME) {
                continue;
            }
            for (Rule rule : valueRules) {
                if (rule.mayMatch(token.text()) && rule.find(token.text())) {
                    return Verdict.deny("a value the statement writes matches: " + rule.description(), rule.id());
                }
            }
            List<SecretScanner.Secret> found = secrets.find(token.text()).stream()
                    .filter(secret -> !secret.kind().equals("high-entropy-token"))
                    .toList();
            if (!found.isEmpty()) {
                return Verdict.deny(
                        "a value the statement writes carries a secret (" + SecretScanner.describe(found) + ")",
                        found.get(0).rule());
            }
        }
        return null;
    }

    /** The last part of the name of the table written, lower case and unquoted, or null. */
    private static String target(List<Token> tokens, int verb) {
        int i = verb + 1;
        while (i < tokens.size()
                && tokens.get(i).kind() == Kind.WORD
                && BEFORE_TABLE.contains(tokens.get(i).upper())) {
            i++;
        }
        String last = null;
        while (i < tokens.size()) {
            String name = name(tokens.get(i));
            if (name == null) {
                break;
            }
            last = name;
            if (i + 1 < tokens.size() && tokens.get(i + 1).text().equals(".")) {
                i += 2;
            } else {
                break;
            }
        }
        return last;
    }

    private static String name(Token token) {
        if (token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_NAME) {
            return token.text().toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
