package dev.toolgate.agent.validation.url;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlValidatorTest {

    private final UrlValidator defaults =
            new UrlValidator(Set.of("http", "https"), List.of(), List.of(), false, false, 8192);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.org/",
                "http://docs.example.com:8080/a/b?c=d#e",
                "https://münchen.example/",
                "https://8.8.8.8/dns",
                "https://[2001:4860:4860::8888]/",
                "https://api.example.net/v1/items?redirect=https://example.org/next"
            })
    void publicUrlsPass(String url) {
        Verdict verdict = defaults.check(url);
        assertTrue(verdict.allowed(), url + " -> " + verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://localhost:8080/admin",
                "http://2130706433/",
                "http://0x7f000001/",
                "http://0177.0.0.1/",
                "http://127.1/",
                "http://0/",
                "http://[::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:7f00:1]/",
                "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
                "http://169.254.169.254/latest/meta-data/",
                "http://metadata.google.internal/",
                "http://10.0.0.5/",
                "http://192.168.1.1/",
                "http://172.20.0.1/",
                "http://100.64.0.1/",
                "http://[fd00::1]/",
                "http://[fe80::1%25eth0]/",
                "http://user:pass@example.org/",
                "http://example.org@127.0.0.1/",
                "file:///etc/passwd",
                "gopher://example.org/",
                "ftp://example.org/",
                "http://db/",
                "http://redis.internal/",
                "http://127.0.0.1.nip.io/",
                "http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/",
                "http://127.0.0.1:80\\@example.org/",
                "http:/\\example.org",
                "http://256.1.1.1/",
                "http://example.org:99999/",
                "https://r.example/?next=http://169.254.169.254/",
                "http://%31%32%37.0.0.1/",
                "  http://[::]/ "
            })
    void insideAddressesAndAmbiguousUrlsAreRefused(String url) {
        assertFalse(defaults.check(url).allowed(), url);
    }

    @Test
    void hostListsAndSchemesAreHonoured() {
        UrlValidator listed = new UrlValidator(
                Set.of("https"), List.of("*.example.org"), List.of("evil.example.org"), false, false, 8192);
        assertTrue(listed.check("https://api.example.org/x").allowed());
        assertFalse(listed.check("http://api.example.org/x").allowed());
        assertFalse(listed.check("https://example.net/").allowed());
        assertFalse(listed.check("https://evil.example.org/").allowed());
    }
}
