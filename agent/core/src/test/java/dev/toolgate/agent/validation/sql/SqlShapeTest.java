package dev.toolgate.agent.validation.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlShapeTest {

    @Test
    void plainStringsAndNumbersBecomePlaceholders() {
        assertEquals(
                "SELECT * FROM orders WHERE id = ? AND status = ? LIMIT ?",
                SqlShape.of("SELECT * FROM orders WHERE id = 4711 AND status = 'it''s shipped' LIMIT 20"));
        assertEquals("SELECT price * ? FROM t2 WHERE x>-?", SqlShape.of("SELECT price * 1.19 FROM t2 WHERE x>-3"));
        assertEquals("SELECT ?=?", SqlShape.of("SELECT 1=1"));
    }

    @Test
    void namesAndNumbersInsideNamesStay() {
        assertEquals(
                "SELECT col1, t2.c3 FROM s1.t2 WHERE a = ?", SqlShape.of("SELECT col1, t2.c3 FROM s1.t2 WHERE a = 5"));
        assertEquals("SELECT 1e5, 0x1F FROM t WHERE a = ?", SqlShape.of("SELECT 1e5, 0x1F FROM t WHERE a = 5"));
        assertNull(SqlShape.of("SELECT a FROM t"), "no literal: nothing to share");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM t WHERE a = 'x' -- comment",
                "SELECT * FROM t /* c */ WHERE a = 1",
                "SELECT * FROM t WHERE a = 1 # mysql comment",
                "SELECT * FROM t WHERE a = 'a\\'; DROP TABLE t; -- '",
                "SELECT * FROM t WHERE a = E'x\\'y'",
                "SELECT * FROM t WHERE a = N'x'",
                "SELECT * FROM \"odd'name\" WHERE a = 1",
                "SELECT * FROM `t` WHERE a = 1",
                "SELECT * FROM [t] WHERE a = 1",
                "SELECT $$x$$, 1",
                "SELECT * FROM t WHERE a = 'unterminated"
            })
    void textThatASimpleScanCouldMisreadHasNoShape(String sql) {
        assertNull(SqlShape.of(sql), sql);
    }

    @Test
    void statementsOfOneShapeShareTheTreeVerdictButTokenRulesSeeEveryValue() {
        SqlValidator write = new SqlValidator(false, 100_000, 1_000, false);
        assertTrue(write.check("DELETE FROM orders WHERE id = 1").allowed());
        assertTrue(write.check("DELETE FROM orders WHERE id = 2").allowed());
        Verdict constant = write.check("DELETE FROM orders WHERE 1 = 1");
        assertFalse(constant.allowed());
        assertTrue(constant.reason().contains("DELETE without a WHERE condition"), constant.reason());
        assertFalse(write.check("DELETE FROM orders WHERE 2 = 2").allowed());
        Verdict orTrue = write.check("DELETE FROM orders WHERE id = 3 OR 1 = 1");
        assertFalse(orTrue.allowed());
        assertTrue(orTrue.reason().contains("constant condition after OR (1 = 1)"), orTrue.reason());

        SqlValidator read = new SqlValidator(true, 100_000, 1_000, false);
        assertTrue(read.check("SELECT * FROM users WHERE name = 'bob'").allowed());
        assertFalse(read.check("SELECT * FROM users WHERE name = 'bob'; DROP TABLE users")
                .allowed());
        assertFalse(
                read.check("SELECT * FROM users WHERE name = 'a\\'; DROP TABLE users; -- '")
                        .allowed(),
                "a backslash-escaped quote is read by a full parse, never by shape");
        assertTrue(
                read.check("SELECT * FROM users WHERE name = 'x; DROP TABLE users'")
                        .allowed(),
                "inside a string a semicolon is only text");
    }

    @Test
    void aShapeTheGrammarRejectsFallsBackToParsingTheStatement() {
        SqlValidator read = new SqlValidator(true, 100_000, 1_000, true);
        // DATE ? is not SQL, DATE '…' is: the statement itself is parsed and allowed
        assertTrue(read.check("SELECT * FROM orders WHERE created > DATE '2024-01-01'")
                .allowed());
        assertTrue(read.check("SELECT * FROM orders WHERE created > DATE '2025-06-30'")
                .allowed());
    }
}
