package dev.toolgate.e2e.apps.conversations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Several conversations of two agents in one JVM, told apart only by the framework's conversation id
 * ({@code role:session}): no Toolgate scope, no configured role. Every model response reports
 * {@value #TOKENS_PER_RESPONSE} tokens. The user message names the tool the scripted model asks for.
 */
public final class ConversationScenario {

    public static final int TOKENS_PER_RESPONSE = 120;
    public static final String INFRA = "infra-agent:session-001";
    public static final String DATA = "data-agent:session-002";
    public static final String DATA_OTHER = "data-agent:session-003";

    /** The data agent's budget lasts two model calls: the third call's tool call and the fourth model call fail. */
    private static final String POLICY = """
            roles:
              infra-agent:
                allowed_tools: [kubectl_get]
                resource_limits: {max_tokens: 10000}
              data-agent:
                allowed_tools: [sql_read]
                resource_limits: {max_tokens: 250, deny_model_calls: true}
            tools:
              kubectl_get: {risk: read}
              sql_read: {risk: read}
            sessions:
              conversation_patterns: ["(?<role>[a-z-]+):(?<session>.+)"]
            """;

    private ConversationScenario() {}

    public static String agentArgumentsFor(Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        return "policy=" + policy.toAbsolutePath();
    }

    /** The tool the user message asks for: "use TOOL". */
    public static String toolAskedFor(String userMessage) {
        int at = userMessage.indexOf("use ");
        return at < 0 ? null : userMessage.substring(at + 4).trim().split("\\s+")[0];
    }

    public static void print(String conversation, String outcome) {
        System.out.println("CONVERSATION " + conversation + " " + outcome.replace('\n', ' '));
    }

    /** Plays the conversations through {@code chat(conversationId, userMessage)}. */
    public static void play(java.util.function.BiFunction<String, String, String> chat) {
        for (String[] turn : new String[][] {
            {INFRA, "use kubectl_get"}, {DATA, "use sql_read"}, {DATA, "use sql_read"}, {DATA_OTHER, "use kubectl_get"}
        }) {
            try {
                print(turn[0], "ANSWER " + chat.apply(turn[0], turn[1]));
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof SecurityException)) {
                    cause = cause.getCause();
                }
                print(turn[0], "FAILED " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        }
    }
}
