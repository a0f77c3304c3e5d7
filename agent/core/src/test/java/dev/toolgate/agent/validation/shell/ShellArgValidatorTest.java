package dev.toolgate.agent.validation.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellArgValidatorTest {

    private final ShellArgValidator strict = new ShellArgValidator(false, false, true, 4096);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "report-2024.csv",
                "feature/login_form",
                "v1.2.3",
                "user@example.org",
                "eu-west-1",
                "Ünïcödé-näme",
                "42"
            })
    void plainWordsPass(String value) {
        assertTrue(strict.check(value).allowed(), value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a;id",
                "x && reboot",
                "x|nc h 1",
                "$(id)",
                "`id`",
                "${IFS}cat",
                "x > /etc/passwd",
                "*.txt",
                "file?",
                "[ab]",
                "{a,b}",
                "~root",
                "line\nnext",
                "two words",
                "--output=/etc/x",
                "-rf",
                "x%3Bid",
                "x%250aid",
                "x%0Aid",
                "'quoted'",
                "a\\b",
                "x#comment",
                "whoami",
                "IFCONFIG",
                "x\u2028y",
                "\uD800x",
                "x\u0000y"
            })
    void metacharactersAndTheirEncodingsAreRefused(String value) {
        assertFalse(strict.check(value).allowed(), value);
    }

    @Test
    void optionsRelaxSpacesAndDashes() {
        ShellArgValidator relaxed = new ShellArgValidator(true, true, false, 4096);
        assertTrue(relaxed.check("two words").allowed());
        assertTrue(relaxed.check("-v").allowed());
        assertTrue(relaxed.check("whoami").allowed());
        assertFalse(relaxed.check("two; words").allowed());
    }
}
