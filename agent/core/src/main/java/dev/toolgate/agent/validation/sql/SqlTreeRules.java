package dev.toolgate.agent.validation.sql;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLBlockStatement;
import com.alibaba.druid.sql.ast.statement.SQLCallStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLGrantStatement;
import com.alibaba.druid.sql.ast.statement.SQLIfStatement;
import com.alibaba.druid.sql.ast.statement.SQLLoopStatement;
import com.alibaba.druid.sql.ast.statement.SQLRevokeStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLSetStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.ast.statement.SQLWhileStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlExecuteStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlHintStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlKillStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlLoadDataInFileStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import dev.toolgate.agent.validation.sql.SqlTokens.Kind;
import dev.toolgate.agent.validation.sql.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The syntax-tree rules, on statements parsed by Druid's SQL parser: each returns the reason a statement is
 * refused, or null when it is allowed.
 *
 * <p>Dialect statements Druid has classes for are recognised by class name where the same meaning is spread over
 * several classes ({@code SQLCreateUserStatement}, {@code MySqlCreateUserStatement}, …): the names survive the
 * agent jar's relocation, which only changes packages.
 */
final class SqlTreeRules {

    /** CREATE/ALTER/DROP/RENAME of users, roles and logins, in any dialect's class. */
    private static final Pattern ACCOUNT_STATEMENT =
            Pattern.compile("[A-Za-z]*?(Create|Alter|Drop|Rename)(User|Role|Login)Statement");

    /** Dialect prefixes of Druid's statement classes, dropped when naming a statement's kind. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^(SQLServer|SQL|MySql|PG|Oracle|Odps|Hive)");

    private SqlTreeRules() {}

    // ---- sql-read

    static String readRules(SQLStatement statement, List<Token> tokens) {
        if (isProceduralBlock(statement)) {
            return "only a single SELECT statement is allowed here, not a procedural block";
        }
        if (!(statement instanceof SQLSelectStatement select)) {
            return "only a single SELECT statement is allowed here, not " + kind(statement);
        }
        SelectInto into = SelectInto.find(select, tokens);
        if (into == SelectInto.TABLE) {
            return "SELECT ... INTO creates or fills a table";
        }
        if (into == SelectInto.VARIABLE_OR_FILE) {
            return "SELECT ... INTO writes data";
        }
        return null;
    }

    private static boolean isProceduralBlock(SQLStatement statement) {
        return statement instanceof SQLIfStatement
                || statement instanceof SQLBlockStatement
                || statement instanceof SQLWhileStatement
                || statement instanceof SQLLoopStatement;
    }

    /** Where any query block of a SELECT, however deeply nested, sends its rows with INTO. */
    private enum SelectInto {
        NONE,
        TABLE,
        VARIABLE_OR_FILE;

        static SelectInto find(SQLSelectStatement select, List<Token> tokens) {
            if (select.getDbType() == null || select.getDbType() == com.alibaba.druid.DbType.mysql) {
                IntoFinder finder = new IntoFinder();
                select.accept(finder);
                return finder.found;
            }
            // the other grammars' trees cast visitors to their own dialect's interface: read INTO off the tokens
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).isWord("INTO")) {
                    Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                    boolean variableOrFile = next == null
                            || next.text().startsWith("@")
                            || next.text().startsWith(":")
                            || next.isWord("OUTFILE")
                            || next.isWord("DUMPFILE");
                    return variableOrFile ? VARIABLE_OR_FILE : TABLE;
                }
            }
            return NONE;
        }
    }

    /** Visits every query block, the MySQL ones included (Druid dispatches those to a visit of their own). */
    private static final class IntoFinder extends MySqlASTVisitorAdapter {
        SelectInto found = SelectInto.NONE;

        @Override
        public boolean visit(SQLSelectQueryBlock block) {
            note(block.getInto());
            return true;
        }

        @Override
        public boolean visit(MySqlSelectQueryBlock block) {
            note(block.getInto());
            return true;
        }

        private void note(SQLExprTableSource into) {
            if (into == null || found == SelectInto.VARIABLE_OR_FILE) {
                return;
            }
            // MySQL's INTO @var and INTO OUTFILE keep no table; T-SQL's INTO newtable names one
            found = into.getExpr() instanceof SQLName && !(into.getExpr() instanceof SQLVariantRefExpr)
                    ? SelectInto.TABLE
                    : SelectInto.VARIABLE_OR_FILE;
        }
    }

    // ---- sql

    static String writeRules(SQLStatement statement, List<Token> tokens) {
        List<SQLStatement> inner = innerStatements(statement);
        if (inner != null) {
            for (SQLStatement each : inner) {
                String reason = writeRules(each, tokens);
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }
        if (statement instanceof SQLDropStatement drop) {
            return "DROP " + objectKind(statement, "Drop") + " destroys " + droppedObject(drop);
        }
        if (statement instanceof SQLTruncateStatement truncate) {
            return "TRUNCATE empties " + names(truncate.getTableSources());
        }
        if (statement instanceof SQLAlterTableStatement alter) {
            String reason = alterRule(alter);
            if (reason != null) {
                return reason;
            }
        }
        if (statement instanceof SQLDeleteStatement delete && isMissingOrConstant(delete.getWhere())) {
            return "DELETE without a WHERE condition deletes every row of " + delete.getTableName();
        }
        if (statement instanceof SQLUpdateStatement update && isMissingOrConstant(update.getWhere())) {
            return "UPDATE without a WHERE condition changes every row of " + update.getTableName();
        }
        return privilegeOrEscapeRule(statement, tokens);
    }

    /** Statements inside IF/ELSE, BEGIN … END and loop bodies, judged one by one; null for other statements. */
    private static List<SQLStatement> innerStatements(SQLStatement statement) {
        if (statement instanceof SQLIfStatement branch) {
            List<SQLStatement> all = new ArrayList<>(branch.getStatements());
            for (SQLIfStatement.ElseIf elseIf : branch.getElseIfList()) {
                all.addAll(elseIf.getStatements());
            }
            if (branch.getElseItem() != null) {
                all.addAll(branch.getElseItem().getStatements());
            }
            return all;
        }
        if (statement instanceof SQLBlockStatement block) {
            return block.getStatementList();
        }
        if (statement instanceof SQLWhileStatement loop) {
            return loop.getStatements();
        }
        if (statement instanceof SQLLoopStatement loop) {
            return loop.getStatements();
        }
        return null;
    }

    private static String alterRule(SQLAlterTableStatement alter) {
        for (SQLAlterTableItem item : alter.getItems()) {
            String name = item.getClass().getSimpleName();
            // SQLAlterTableDropColumnItem, …DropPartition, …DropConstraint, …TruncatePartition, …
            if (name.contains("Drop") || name.contains("Truncate")) {
                String operation = words(name.replaceFirst("^SQLAlterTable", "")
                        .replaceFirst("^MySqlAlterTable", "")
                        .replaceFirst("Item$", ""));
                return "ALTER TABLE " + alter.getName() + " ... " + operation + " destroys data";
            }
        }
        return null;
    }

    private static String privilegeOrEscapeRule(SQLStatement statement, List<Token> tokens) {
        if (statement instanceof SQLGrantStatement) {
            return "GRANT changes privileges";
        }
        if (statement instanceof SQLRevokeStatement
                || ACCOUNT_STATEMENT
                        .matcher(statement.getClass().getSimpleName())
                        .matches()
                || statement instanceof SQLSetStatement set && setsPassword(set)) {
            return "changes accounts or privileges";
        }
        if (statement instanceof SQLCallStatement call) {
            return "CALL of " + call.getProcedureName() + " runs a stored procedure";
        }
        if (statement instanceof MySqlExecuteStatement execute) {
            return "EXECUTE of " + execute.getStatementName() + " runs a prepared statement";
        }
        if (statement instanceof MySqlKillStatement) {
            return "KILL ends other sessions' connections or queries";
        }
        String className = statement.getClass().getSimpleName();
        if (className.endsWith("ExecStatement") || className.endsWith("ExecuteStatement")) {
            return "EXECUTE runs a stored procedure";
        }
        if (className.contains("Shutdown")) {
            return "changes accounts or privileges";
        }
        if (statement instanceof MySqlLoadDataInFileStatement) {
            return "LOAD DATA INFILE reads a file into the database";
        }
        if (statement instanceof MySqlHintStatement) {
            return "the statement is not one the parser understands (a MySQL executable comment)";
        }
        if (statement instanceof SQLSelectStatement) {
            return readRules(statement, tokens);
        }
        return null;
    }

    /** MySQL's {@code SET PASSWORD [FOR user] = …}, which Druid reads as a SET with the PASSWORD option. */
    private static boolean setsPassword(SQLSetStatement set) {
        return set.getOption() == SQLSetStatement.Option.PASSWORD;
    }

    private static boolean isMissingOrConstant(SQLExpr where) {
        return where == null || isConstant(where.toString());
    }

    /** A WHERE made only of literals and operators ({@code 1 = 1}, {@code 'a' = 'a' OR 2 > 1}) keeps every row. */
    static boolean isConstant(String where) {
        try {
            List<Token> tokens = SqlTokens.lex(where).tokens();
            return tokens.stream()
                    .allMatch(t -> t.isLiteral()
                            || t.kind() == Kind.SYMBOL
                            || SqlValidator.COMPARISONS.contains(t.upper())
                            || t.isWord("OR")
                            || t.isWord("AND")
                            || t.isWord("NOT"));
        } catch (SqlTokens.LexException e) {
            return true;
        }
    }

    private static String droppedObject(SQLDropStatement drop) {
        if (drop instanceof SQLDropTableStatement table) {
            return names(table.getTableSources());
        }
        SQLName name = drop.getName();
        return name != null ? name.toString() : "a database object";
    }

    private static String names(List<SQLExprTableSource> tables) {
        StringJoiner joined = new StringJoiner(", ");
        for (SQLExprTableSource table : tables) {
            joined.add(String.valueOf(table.getExpr()));
        }
        return joined.toString();
    }

    /** {@code SQLDropMaterializedViewStatement} → {@code MATERIALIZED VIEW}. */
    private static String objectKind(SQLStatement statement, String verb) {
        String name = CLASS_PREFIX.matcher(statement.getClass().getSimpleName()).replaceFirst("");
        name = name.replaceFirst("^" + verb, "").replaceFirst("Statement$", "");
        return name.isEmpty() ? "OBJECT" : words(name);
    }

    /** The statement's kind for a reason: {@code MySqlInsertStatement} → {@code INSERT}. */
    static String kind(SQLStatement statement) {
        String name = CLASS_PREFIX
                .matcher(statement.getClass().getSimpleName())
                .replaceFirst("")
                .replaceFirst("Statement$", "");
        return words(name);
    }

    /** {@code DropColumn} → {@code DROP COLUMN}. */
    private static String words(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }
}
