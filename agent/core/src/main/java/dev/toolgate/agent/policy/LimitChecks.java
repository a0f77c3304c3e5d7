package dev.toolgate.agent.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the numbers of budgets and sessions: each must be positive and below a bound past which it is no
 * longer a limit but a typo (or would overflow the arithmetic that enforces it). Every message names the key.
 */
final class LimitChecks {

    static final long MAX_CALLS = 1_000_000_000L;
    static final long MAX_TOKENS = 1_000_000_000_000L;
    static final long MAX_TIMEOUT_SECONDS = 366L * 24 * 3600;
    static final long MAX_CALL_TIMEOUT_MS = 24L * 3600 * 1000;
    /** A sliding window keeps one slot per call it admits, per session: 16 bytes each. */
    static final long MAX_WINDOW_CALLS = 10_000;

    static final long MAX_WINDOW_SECONDS = 24L * 3600;
    static final long MAX_IDLE_EXPIRY_SECONDS = 30L * 24 * 3600;
    static final long MAX_LIVE_SESSIONS = 100_000_000L;
    private static final List<String> PATTERN_GROUPS = List.of("role", "session", "agent");

    /** Builds the error for a key, with its position in the file. */
    interface Failure {
        PolicyException at(String key, String message);
    }

    private final Failure failure;

    LimitChecks(Failure failure) {
        this.failure = failure;
    }

    void checkRole(String role, ResourceLimits limits) throws PolicyException {
        if (limits == null) {
            return;
        }
        String base = "roles." + role + ".resource_limits.";
        bounded(base + "max_api_calls", limits.maxApiCalls(), MAX_CALLS, "calls");
        bounded(base + "max_tokens", limits.maxTokens(), MAX_TOKENS, "tokens");
        bounded(base + "timeout_seconds", limits.timeoutSeconds(), MAX_TIMEOUT_SECONDS, "seconds (366 days)");
        bounded(base + "call_timeout_ms", limits.callTimeoutMs(), MAX_CALL_TIMEOUT_MS, "ms (one day)");
        for (Map.Entry<String, Long> tool : limits.maxCallsPerTool().entrySet()) {
            String key = base + "max_calls_per_tool." + tool.getKey();
            if (tool.getKey() == null || tool.getKey().isBlank()) {
                throw failure.at(base + "max_calls_per_tool", "a tool name pattern is empty.");
            }
            required(key, tool.getValue());
            bounded(key, tool.getValue(), MAX_CALLS, "calls");
        }
        for (Map.Entry<String, Long> risk : limits.maxCallsPerRisk().entrySet()) {
            String key = base + "max_calls_per_risk." + risk.getKey();
            if (RiskLevel.parse(risk.getKey()) == null) {
                throw failure.at(
                        key,
                        "'" + risk.getKey() + "' is not a risk class. Use one of read, modify," + " delete, external.");
            }
            required(key, risk.getValue());
            bounded(key, risk.getValue(), MAX_CALLS, "calls");
        }
        List<RateLimit> rates = limits.rateLimits();
        for (int i = 0; i < rates.size(); i++) {
            String key = base + "rate_limits[" + i + "]";
            RateLimit rate = rates.get(i);
            if (rate == null) {
                throw failure.at(
                        key,
                        "the entry is empty. Give calls and per_seconds, e.g. {calls: 10,"
                                + " per_seconds: 60, risk: external}.");
            }
            required(key + ".calls", rate.calls());
            required(key + ".per_seconds", rate.perSeconds());
            bounded(
                    key + ".calls",
                    rate.calls(),
                    MAX_WINDOW_CALLS,
                    "calls per window (each costs 16 bytes per session)");
            bounded(key + ".per_seconds", rate.perSeconds(), MAX_WINDOW_SECONDS, "seconds (one day)");
            if (rate.risk() != null && rate.tool() != null) {
                throw failure.at(key, "give either risk or tool, not both; write two entries to limit both.");
            }
            if (rate.tool() != null && rate.tool().isBlank()) {
                throw failure.at(key + ".tool", "the tool name pattern is empty.");
            }
        }
    }

    void checkTool(String tool, ToolPolicy policy) throws PolicyException {
        bounded("tools." + tool + ".call_timeout_ms", policy.callTimeoutMs(), MAX_CALL_TIMEOUT_MS, "ms (one day)");
    }

    void checkSessions(SessionPolicy sessions) throws PolicyException {
        if (sessions == null) {
            return;
        }
        bounded(
                "sessions.idle_expiry_seconds",
                sessions.idleExpirySeconds(),
                MAX_IDLE_EXPIRY_SECONDS,
                "seconds (30 days)");
        bounded("sessions.max_live", sessions.maxLive(), MAX_LIVE_SESSIONS, "sessions");
        if (sessions.springAiContextKey().isBlank()) {
            throw failure.at(
                    "sessions.spring_ai_context_key",
                    "the key is empty; leave it out for Spring AI's" + " chat_memory_conversation_id.");
        }
        List<String> patterns = sessions.conversationPatterns();
        for (int i = 0; i < patterns.size(); i++) {
            String key = "sessions.conversation_patterns[" + i + "]";
            String text = patterns.get(i);
            if (text == null || text.isBlank()) {
                throw failure.at(key, "the pattern is empty.");
            }
            try {
                Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw failure.at(
                        key,
                        "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex() + ".");
            }
            List<String> groups = NamedGroups.of(text);
            if (groups.stream().noneMatch(PATTERN_GROUPS::contains)) {
                throw failure.at(
                        key,
                        "the pattern names no group; use (?<role>…) and/or (?<session>…), for"
                                + " instance '(?<role>[^:]+):(?<session>.+)'.");
            }
            for (String group : groups) {
                if (!PATTERN_GROUPS.contains(group)) {
                    throw failure.at(key, "group '" + group + "' means nothing here; use role, session or agent.");
                }
            }
        }
    }

    private void required(String key, Long value) throws PolicyException {
        if (value == null) {
            throw failure.at(key, "the number is missing.");
        }
    }

    private void bounded(String key, Long value, long max, String unit) throws PolicyException {
        if (value == null) {
            return;
        }
        if (value <= 0) {
            throw failure.at(
                    key,
                    value + " is not a usable limit; give a positive number, or leave the key out" + " for no limit.");
        }
        if (value > max) {
            throw failure.at(
                    key,
                    value + " is beyond any sensible limit (at most " + max + " " + unit
                            + "); leave the key out for no limit.");
        }
    }
}
