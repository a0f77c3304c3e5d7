package dev.toolgate.agent.framework;

import dev.toolgate.agent.policy.NamedGroups;
import dev.toolgate.bootstrap.CallerContext;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a framework's conversation id into a caller with the policy's {@code sessions.conversation_patterns}:
 * the first pattern that matches the whole id gives the role, session and agent from its named groups
 * ({@code (?<role>…)}, {@code (?<session>…)}, {@code (?<agent>…)}); a group a pattern lacks, or that matched
 * nothing, is left to the next source. When no pattern matches, the whole id is the session.
 */
final class ConversationPatterns {

    /** Longer ids are not matched (a policy's pattern need not be written to withstand them): they are sessions. */
    static final int MAX_MATCHED_CHARS = 4_096;

    private record Compiled(Pattern pattern, boolean role, boolean session, boolean agent) {}

    private final List<Compiled> patterns;

    /** @param patterns regular expressions already checked by the policy loader */
    ConversationPatterns(List<String> patterns) {
        this.patterns = patterns.stream()
                .map(text -> {
                    List<String> groups = NamedGroups.of(text);
                    return new Compiled(
                            Pattern.compile(text),
                            groups.contains("role"),
                            groups.contains("session"),
                            groups.contains("agent"));
                })
                .toList();
    }

    CallerContext callerFor(String conversationId) {
        if (conversationId == null || conversationId.isEmpty()) {
            return null;
        }
        if (conversationId.length() <= MAX_MATCHED_CHARS) {
            for (Compiled compiled : patterns) {
                Matcher matcher = compiled.pattern().matcher(conversationId);
                if (matcher.matches()) {
                    return new CallerContext(
                            compiled.agent() ? blankToNull(matcher.group("agent")) : null,
                            compiled.role() ? blankToNull(matcher.group("role")) : null,
                            compiled.session() ? blankToNull(matcher.group("session")) : conversationId);
                }
            }
        }
        return new CallerContext(null, null, conversationId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
