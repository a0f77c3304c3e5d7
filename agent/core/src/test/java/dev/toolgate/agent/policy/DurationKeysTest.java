package dev.toolgate.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duration keys of a policy and their older aliases with the unit in the name. */
class DurationKeysTest {

    @TempDir
    Path dir;

    private Policy load(String yaml) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file);
    }

    private String error(String yaml) {
        return assertThrows(PolicyException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void durationKeysMeanWhatTheirAliasesMean() throws Exception {
        Policy policy = load("""
                roles:
                  r:
                    allowed_tools: [t]
                    resource_limits:
                      timeout: 1h30m
                      call_timeout: 2s
                      rate_limits: [{calls: 5, per: 1m}]
                tools:
                  t: {risk: read, call_timeout: 1500ms}
                sessions: {idle_expiry: 1d}
                """);
        ResourceLimits limits = policy.roles().get("r").resourceLimits();
        assertEquals(5400L, limits.timeoutSeconds());
        assertEquals(2000L, limits.callTimeoutMs());
        assertEquals(60L, limits.rateLimits().get(0).perSeconds());
        assertEquals(1500L, policy.tools().get("t").callTimeoutMs());
        assertEquals(86_400L, policy.sessions().idleExpirySeconds());

        Policy old = load("""
                roles:
                  r: {allowed_tools: [t], resource_limits: {timeout_seconds: 60, call_timeout_ms: 250}}
                sessions: {idle_expiry_seconds: 120}
                """);
        assertEquals(60L, old.roles().get("r").resourceLimits().timeoutSeconds());
        assertEquals(120L, old.sessions().idleExpirySeconds());
    }

    @Test
    void aliasAndNewKeyTogetherIsAnErrorNamingBoth() {
        String message = error("""
                roles:
                  r:
                    allowed_tools: [t]
                    resource_limits: {timeout: 1m, timeout_seconds: 60}
                """);
        assertTrue(message.contains("key 'roles.r.resource_limits'"), message);
        assertTrue(message.contains("both 'timeout' and its older alias 'timeout_seconds' are set"), message);
        message = error(
                "roles: {r: {allowed_tools: [t]}}\ntools: {t: {risk: read, call_timeout: 1s, call_timeout_ms: 5}}\n");
        assertTrue(message.contains("both 'call_timeout' and its older alias 'call_timeout_ms'"), message);
    }

    @Test
    void aBadDurationOrAFractionOfASecondIsAnError() {
        assertTrue(error("roles: {r: {allowed_tools: [t], resource_limits: {timeout: soon}}}\n")
                .contains("'soon' is not a duration; write for instance 250ms, 30s, 5m, 1h30m or 1d"));
        assertTrue(error("sessions: {idle_expiry: 1500ms}\nroles: {r: {allowed_tools: [t]}}\n")
                .contains("not a whole number of seconds"));
    }
}
