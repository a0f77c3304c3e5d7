package dev.toolgate.agent.audit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static String canonical(String json) throws Exception {
        return new String(CanonicalJson.bytes(new ObjectMapper().readTree(json), null), StandardCharsets.UTF_8);
    }

    @Test
    void sortsMembersRecursivelyAndDropsWhitespace() throws Exception {
        assertEquals(
                "{\"a\":[{\"x\":1,\"y\":2}],\"b\":null,\"c\":true}",
                canonical("{ \"c\": true, \"b\": null, \"a\": [ { \"y\": 2, \"x\": 1 } ] }"));
    }

    @Test
    void escapesOnlyWhatJcsEscapes() throws Exception {
        assertEquals(
                "{\"s\":\"q\\\"b\\\\n\\nt\\tc\\u001f/é€😀\u007f\"}",
                canonical("{\"s\":\"q\\\"b\\\\n\\nt\\tc\\u001F\\/\\u00e9€😀\\u007f\"}"));
    }

    @Test
    void omitsTheNamedTopLevelMember() throws Exception {
        assertEquals(
                "{\"a\":1}",
                new String(
                        CanonicalJson.bytes(new ObjectMapper().readTree("{\"hash\":\"x\",\"a\":1}"), "hash"),
                        StandardCharsets.UTF_8));
    }

    @Test
    void sortsKeysByCodePointAsPythonAndJqDo() throws Exception {
        // U+FF5E sorts before U+1F600 by code point (after it by UTF-16 code units, the surrogate D83D).
        assertEquals("{\"～\":1,\"😀\":2}", canonical("{\"😀\":2,\"～\":1}"));
    }

    @Test
    void numbersFollowEcmaScript() {
        assertEquals("1e+21", CanonicalJson.ecmaScriptNumber(1e21));
        assertEquals("100000000000000000000", CanonicalJson.ecmaScriptNumber(1e20));
        assertEquals("0.000001", CanonicalJson.ecmaScriptNumber(1e-6));
        assertEquals("1e-7", CanonicalJson.ecmaScriptNumber(1e-7));
        assertEquals("1.5", CanonicalJson.ecmaScriptNumber(1.5));
        assertEquals("-0.1", CanonicalJson.ecmaScriptNumber(-0.1));
        assertEquals("0", CanonicalJson.ecmaScriptNumber(-0.0));
        assertEquals("5e-324", CanonicalJson.ecmaScriptNumber(Double.MIN_VALUE));
        assertEquals("123456789012345680000", CanonicalJson.ecmaScriptNumber(123456789012345678901.0));
    }

    @Test
    void writerReplacesUnpairedSurrogates() {
        CanonicalJsonWriter writer = new CanonicalJsonWriter(8);
        writer.string("a\uD800b\uDC00c\uD83D\uDE00");
        assertEquals("\"a\uFFFDb\uFFFDc\uD83D\uDE00\"", new String(writer.toByteArray(), StandardCharsets.UTF_8));
    }
}
