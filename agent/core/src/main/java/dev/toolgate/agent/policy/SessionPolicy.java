package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How sessions are found and kept: the policy's {@code sessions:} section.
 *
 * @param idleExpirySeconds    session state (budget counts) is dropped after this long without a call
 * @param maxLive              live sessions at most; a call that would open one more is refused
 * @param conversationPatterns regular expressions with named groups {@code role}, {@code session} and
 *                             {@code agent}, matched against a framework's conversation id (LangChain4j's chat
 *                             memory id, the Spring AI ToolContext entry); the first that matches decides
 * @param springAiContextKey   the ToolContext entry holding the conversation id
 */
public record SessionPolicy(
        @JsonProperty("idle_expiry_seconds") Long idleExpirySeconds,
        @JsonProperty("max_live") Long maxLive,
        @JsonProperty("conversation_patterns") List<String> conversationPatterns,
        @JsonProperty("spring_ai_context_key") String springAiContextKey) {

    public static final long DEFAULT_IDLE_EXPIRY_SECONDS = 3_600;
    public static final long DEFAULT_MAX_LIVE = 1_000_000;
    /** Spring AI's own {@code ChatMemory.CONVERSATION_ID}. */
    public static final String DEFAULT_SPRING_AI_CONTEXT_KEY = "chat_memory_conversation_id";

    public static final SessionPolicy DEFAULTS = new SessionPolicy(null, null, null, null);

    public SessionPolicy {
        idleExpirySeconds = idleExpirySeconds == null ? DEFAULT_IDLE_EXPIRY_SECONDS : idleExpirySeconds;
        maxLive = maxLive == null ? DEFAULT_MAX_LIVE : maxLive;
        conversationPatterns = conversationPatterns == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(conversationPatterns));
        springAiContextKey = springAiContextKey == null ? DEFAULT_SPRING_AI_CONTEXT_KEY : springAiContextKey;
    }

    /** As written: {@code idle_expiry} is the duration form of {@code idle_expiry_seconds}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static SessionPolicy read(
            @JsonProperty("idle_expiry_seconds") Long idleExpirySeconds,
            @JsonProperty("idle_expiry") String idleExpiry,
            @JsonProperty("max_live") Long maxLive,
            @JsonProperty("conversation_patterns") List<String> conversationPatterns,
            @JsonProperty("spring_ai_context_key") String springAiContextKey) {
        return new SessionPolicy(
                DurationAlias.seconds("idle_expiry", idleExpiry, "idle_expiry_seconds", idleExpirySeconds),
                maxLive,
                conversationPatterns,
                springAiContextKey);
    }
}
