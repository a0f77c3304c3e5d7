package dev.toolgate.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The budget and session keys of a policy: read as written, and every bad number named by its key and line. */
class BudgetPolicyTest {

    @TempDir
    Path dir;

    private Policy load(String yaml) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file);
    }

    private String errorFor(String yaml) {
        return assertThrows(PolicyException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void readsEveryBudgetKey() throws Exception {
        Policy policy = load("""
                roles:
                  infra:
                    allowed_tools: ["*"]
                    resource_limits:
                      max_api_calls: 50
                      max_tokens: 100000
                      timeout_seconds: 300
                      max_calls_per_tool: {send_email: 2}
                      max_calls_per_risk: {DELETE: 3}
                      rate_limits:
                        - {calls: 10, per_seconds: 60, risk: external}
                        - {calls: 5, per_seconds: 1, tool: "kubectl_*"}
                      call_timeout_ms: 30000
                      deny_model_calls: true
                tools:
                  slow_tool: {risk: read, call_timeout_ms: 500}
                sessions:
                  idle_expiry_seconds: 600
                  max_live: 5000
                  conversation_patterns: ["(?<role>[^:]+):(?<session>.+)"]
                  spring_ai_context_key: conversation
                """);
        ResourceLimits limits = policy.roles().get("infra").resourceLimits();
        assertEquals(Map.of("send_email", 2L), limits.maxCallsPerTool());
        assertEquals(Map.of("DELETE", 3L), limits.maxCallsPerRisk());
        assertEquals(
                new RateLimit(10L, 60L, RiskLevel.EXTERNAL, null),
                limits.rateLimits().get(0));
        assertEquals(
                new RateLimit(5L, 1L, null, "kubectl_*"), limits.rateLimits().get(1));
        assertEquals(30000L, limits.callTimeoutMs());
        assertEquals(true, limits.denyModelCalls());
        assertEquals(500L, policy.tools().get("slow_tool").callTimeoutMs());
        assertEquals(
                new SessionPolicy(600L, 5000L, List.of("(?<role>[^:]+):(?<session>.+)"), "conversation"),
                policy.sessions());
    }

    @Test
    void sessionDefaults() throws Exception {
        SessionPolicy sessions = load("roles: {a: {allowed_tools: [x]}}").sessions();
        assertEquals(3600L, sessions.idleExpirySeconds());
        assertEquals(1_000_000L, sessions.maxLive());
        assertEquals(List.of(), sessions.conversationPatterns());
        assertEquals("chat_memory_conversation_id", sessions.springAiContextKey());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "max_api_calls: -1|roles.r.resource_limits.max_api_calls|-1 is not a usable limit",
                "max_api_calls: 0|roles.r.resource_limits.max_api_calls|0 is not a usable limit",
                "max_api_calls: 5000000000|roles.r.resource_limits.max_api_calls|beyond any sensible limit (at most 1000000000",
                "max_tokens: 99999999999999999|roles.r.resource_limits.max_tokens|beyond any sensible limit",
                "timeout_seconds: 999999999999|roles.r.resource_limits.timeout_seconds|at most 31622400 seconds",
                "call_timeout_ms: -5|roles.r.resource_limits.call_timeout_ms|-5 is not a usable limit",
                "max_calls_per_tool: {send_email: 0}|roles.r.resource_limits.max_calls_per_tool.send_email|0 is not",
                "max_calls_per_tool: {send_email: null}|roles.r.resource_limits.max_calls_per_tool.send_email|missing",
                "max_calls_per_risk: {dangerous: 3}|roles.r.resource_limits.max_calls_per_risk.dangerous|not a risk class",
                "max_calls_per_risk: {delete: -3}|roles.r.resource_limits.max_calls_per_risk.delete|-3 is not",
                "rate_limits: [{calls: 10}]|roles.r.resource_limits.rate_limits[0].per_seconds|the number is missing",
                "rate_limits: [{calls: 1000000, per_seconds: 1}]|roles.r.resource_limits.rate_limits[0].calls|at most 10000",
                "rate_limits: [{calls: 1, per_seconds: -60}]|roles.r.resource_limits.rate_limits[0].per_seconds|-60 is not",
                "rate_limits: [{calls: 1, per_seconds: 1, risk: read, tool: x}]|roles.r.resource_limits.rate_limits[0]|either",
                "max_api_calls: 1e40|roles.r.resource_limits.max_api_calls|",
                "max_api_calls: 2.5|roles.r.resource_limits.max_api_calls|",
            })
    void badLimitsNameTheirKey(String limit, String key, String problem) {
        String message = errorFor("""
                roles:
                  r:
                    allowed_tools: [x]
                    resource_limits:
                """ + "      " + limit + "\n");
        assertTrue(message.contains("policy.yaml:5:"), message);
        assertTrue(message.contains("key '" + key + "'"), message);
        assertTrue(message.contains(problem == null ? "" : problem), message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "idle_expiry_seconds: 0|sessions.idle_expiry_seconds|0 is not a usable limit",
                "max_live: -2|sessions.max_live|-2 is not",
                "conversation_patterns: ['(?<role>[a-z'] |sessions.conversation_patterns[0]|not a valid regular expression",
                "conversation_patterns: ['[a-z]+:.*']|sessions.conversation_patterns[0]|names no group",
                "conversation_patterns: ['(?<tenant>[a-z]+):(?<session>.*)']|sessions.conversation_patterns[0]|'tenant'",
                "spring_ai_context_key: ' '|sessions.spring_ai_context_key|empty",
            })
    void badSessionSettingsNameTheirKey(String setting, String key, String problem) {
        String message = errorFor("roles: {r: {allowed_tools: [x]}}\nsessions:\n  " + setting + "\n");
        assertTrue(message.contains("key '" + key + "'"), message);
        assertTrue(message.contains(problem), message);
        assertTrue(message.contains("policy.yaml:3:"), message);
    }

    @Test
    void badToolTimeoutNamesTheTool() {
        String message = errorFor("""
                roles: {r: {allowed_tools: [x]}}
                tools:
                  x: {risk: read, call_timeout_ms: 0}
                """);
        assertTrue(message.contains("policy.yaml:3:") && message.contains("key 'tools.x.call_timeout_ms'"), message);
    }

    @Test
    void namedGroupsAreFoundButNotEscapedParentheses() {
        assertEquals(List.of("role", "session"), NamedGroups.of("(?<role>[^:]+):(?<session>.+)"));
        assertEquals(List.of(), NamedGroups.of("\\\\(?<x>y)".substring(2).replace("(?<x>y)", "\\(?<x>y)")));
    }
}
