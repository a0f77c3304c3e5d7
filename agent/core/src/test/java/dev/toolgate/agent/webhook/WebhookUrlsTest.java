package dev.toolgate.agent.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.config.ConfigException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    private static void check(String url, boolean allowHttp) throws ConfigException {
        WebhookUrls.requireProtected("the URL", URI.create(url), allowHttp, "x.allow.http");
    }

    @Test
    void httpsAndLoopbackHttpAreAccepted() {
        for (String url : new String[] {
            "https://approvals.example/hook",
            "http://127.0.0.1:8080/hook",
            "http://127.8.9.10/hook",
            "http://localhost:9/hook",
            "http://LOCALHOST/hook",
            "http://[::1]:9/hook"
        }) {
            assertDoesNotThrow(() -> check(url, false), url);
        }
    }

    @Test
    void plainHttpElsewhereIsRefusedUnlessAllowed() throws ConfigException {
        for (String url : new String[] {
            "http://approvals.example/hook",
            "http://10.0.0.5/hook",
            "http://127.0.0.1.evil.example/hook",
            "http://localhost.evil.example/hook",
            "http://[::2]/hook",
            "HTTP://approvals.example/hook"
        }) {
            ConfigException refused = assertThrows(ConfigException.class, () -> check(url, false), url);
            assertTrue(refused.getMessage().contains("plain http:// to another host"), refused.getMessage());
            assertTrue(refused.getMessage().contains("x.allow.http=true"), refused.getMessage());
            check(url, true);
        }
    }
}
