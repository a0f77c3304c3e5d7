package dev.toolgate.e2e.apps.dispatch;

import dev.toolgate.api.Toolgate;
import dev.toolgate.api.ToolgateScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;

/**
 * Spring AI tools the gate can only see at their {@code ToolCallback} (function callbacks, hand-built method
 * callbacks over plain methods, callbacks written as classes and anonymous classes), annotated tools through
 * ChatClient, and bad input from the model. Each scenario runs in a Toolgate session named after it.
 */
public final class SpringDispatchApp {

    private static final String QUESTION = "Check the web deployment, then clean up.";

    private SpringDispatchApp() {}

    public static void main(String[] args) {
        Map<String, Runnable> scenarios = scenarios();
        for (String scenario : args.length > 0 ? List.of(args) : List.copyOf(scenarios.keySet())) {
            scenarios.get(scenario).run();
        }
        System.out.println("DONE");
    }

    /** Every scenario by name, in the order they run unless the command line names others. */
    private static Map<String, Runnable> scenarios() {
        Map<String, Runnable> scenarios = new LinkedHashMap<>();
        scenarios.put(
                "spring-function",
                () -> chat(
                        "spring-function",
                        DispatchScenario.STANDARD_CALLS,
                        (client, scenario) -> client.toolCallbacks(SpringCallbacks.functions(scenario))));
        scenarios.put(
                "spring-method",
                () -> chat(
                        "spring-method",
                        DispatchScenario.STANDARD_CALLS,
                        (client, scenario) -> client.toolCallbacks(SpringCallbacks.methods(scenario))));
        scenarios.put(
                "spring-class",
                () -> chat(
                        "spring-class",
                        DispatchScenario.STANDARD_CALLS,
                        (client, scenario) -> client.toolCallbacks(SpringCallbacks.classes(scenario))));
        scenarios.put(
                "spring-anonymous",
                () -> chat(
                        "spring-anonymous",
                        DispatchScenario.STANDARD_CALLS,
                        (client, scenario) -> client.toolCallbacks(SpringCallbacks.anonymous(scenario))));
        scenarios.put(
                "spring-annotated",
                () -> chat(
                        "spring-annotated",
                        DispatchScenario.STANDARD_CALLS,
                        (client, scenario) -> client.tools(new SpringAnnotatedTools(scenario))));
        List<DispatchScenario.Call> bad = new ArrayList<>(BadInput.badArguments());
        bad.add(BadInput.fine());
        scenarios.put(
                "spring-bad-input",
                () -> chat(
                        "spring-bad-input",
                        bad,
                        (client, scenario) ->
                                client.toolCallbacks(SpringCallbacks.named(scenario, DispatchScenario.ECHO))));
        List<DispatchScenario.Call> badNames =
                new ArrayList<>(BadInput.badNames().subList(0, 2));
        badNames.add(BadInput.fine());
        scenarios.put(
                "spring-bad-names",
                () -> chat(
                        "spring-bad-names",
                        badNames,
                        (client, scenario) -> client.toolCallbacks(
                                SpringCallbacks.named(scenario, DispatchScenario.ECHO),
                                SpringCallbacks.named(scenario, BadInput.EMPTY_NAME),
                                SpringCallbacks.named(scenario, BadInput.LONG_NAME))));
        // An unknown name in a conversation of its own: Spring AI ends the chat call on it.
        scenarios.put(
                "spring-unknown-name",
                () -> chat(
                        "spring-unknown-name",
                        List.of(BadInput.badNames().get(2)),
                        (client, scenario) ->
                                client.toolCallbacks(SpringCallbacks.named(scenario, DispatchScenario.ECHO))));
        return scenarios;
    }

    private interface Tools {
        ChatClient.ChatClientRequestSpec add(ChatClient.ChatClientRequestSpec request, String scenario);
    }

    private static void chat(String scenario, List<DispatchScenario.Call> calls, Tools tools) {
        try (ToolgateScope ignored = Toolgate.scope().session(scenario).open()) {
            ChatClient client = ChatClient.create(new SpringScriptedModel(scenario, calls));
            DispatchScenario.answer(
                    scenario,
                    tools.add(client.prompt().user(QUESTION), scenario).call().content());
        } catch (RuntimeException failed) {
            DispatchScenario.chatFailed(scenario, failed);
        }
    }
}
