package dev.toolgate.e2e.apps.visibility;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.toolgate.api.Toolgate;
import dev.toolgate.api.ToolgateScope;
import dev.toolgate.e2e.apps.dispatch.DispatchAssistant;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.DefaultToolCallingManager;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Real LangChain4j and Spring AI chat calls whose models print the tool names they were offered:
 * {@code OFFERED <framework> <session> <names>}. Each framework plays two sessions, so a test can count the
 * {@code tools_hidden} events per session.
 */
public final class VisibilityApp {

    /** Tools in LangChain4j's annotation. */
    public static final class Lc4jOps {
        @dev.langchain4j.agent.tool.Tool(name = "kubectl_get")
        public String get(String name) {
            return "pod " + name;
        }

        @dev.langchain4j.agent.tool.Tool(name = "kubectl_delete")
        public String delete(String name) {
            return "deleted " + name;
        }

        @dev.langchain4j.agent.tool.Tool(name = "shell_exec")
        public String shell(String command) {
            return "ran " + command;
        }
    }

    /** The same tools in Spring AI's annotation. */
    public static final class SpringOps {
        @Tool(name = "kubectl_get", description = "Reads a pod")
        public String get(String name) {
            return "pod " + name;
        }

        @Tool(name = "kubectl_delete", description = "Deletes a pod")
        public String delete(String name) {
            return "deleted " + name;
        }

        @Tool(name = "shell_exec", description = "Runs a command")
        public String shell(String command) {
            return "ran " + command;
        }
    }

    private VisibilityApp() {}

    public static void main(String[] args) {
        for (String session : List.of("conversation-1", "conversation-2", "conversation-3")) {
            // The third conversation is a role that may call none of the tools: the model must be shown none.
            String role = session.equals("conversation-3") ? "auditor" : null;
            try (ToolgateScope ignored =
                    Toolgate.scope().role(role).session(session).open()) {
                for (int turn = 0; turn < 2; turn++) {
                    langChain4j(session);
                    springAi(session);
                }
            }
        }
        System.out.println("EXIT");
    }

    private static void langChain4j(String session) {
        ChatModel model = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                System.out.println("OFFERED lc4j " + session + " "
                        + String.join(
                                ",",
                                request.toolSpecifications().stream()
                                        .map(ToolSpecification::name)
                                        .sorted()
                                        .toList()));
                return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
            }
        };
        AiServices.builder(DispatchAssistant.class)
                .chatModel(model)
                .tools(new Lc4jOps())
                .build()
                .chat("hi");
    }

    private static void springAi(String session) {
        org.springframework.ai.chat.model.ChatModel model = new org.springframework.ai.chat.model.ChatModel() {
            @Override
            public ChatOptions getOptions() {
                return ToolCallingChatOptions.builder().build();
            }

            @Override
            public org.springframework.ai.chat.model.ChatResponse call(Prompt prompt) {
                // What a real Spring AI chat model does to learn which tools to offer.
                List<ToolDefinition> offered = DefaultToolCallingManager.builder()
                        .build()
                        .resolveToolDefinitions((ToolCallingChatOptions) prompt.getOptions());
                System.out.println("OFFERED spring " + session + " "
                        + String.join(
                                ",",
                                offered.stream()
                                        .map(ToolDefinition::name)
                                        .sorted()
                                        .toList()));
                return new org.springframework.ai.chat.model.ChatResponse(
                        List.of(new Generation(new AssistantMessage("ok"))));
            }
        };
        ChatClient.create(model)
                .prompt()
                .user("hi")
                .tools(new SpringOps())
                .call()
                .content();
    }
}
