package dev.toolgate.e2e.apps.dispatch;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.toolgate.api.Toolgate;
import dev.toolgate.api.ToolgateScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * LangChain4j tools the gate can only see at LangChain4j's dispatch (code-declared executors, lambdas among
 * them, tool providers, executors called by the application itself), annotated tools through the same dispatch,
 * and bad input from the model. Each scenario runs in a Toolgate session named after it.
 */
public final class Lc4jDispatchApp {

    private static final String QUESTION = "Check the web deployment, then clean up.";
    /** A tool no policy entry or annotation classifies, like the clashing one but without a namesake. */
    private static final String UNDECLARED = "flush_cache";

    private static final String TARGET = "{\"namespace\":\"prod\",\"name\":\"web\"}";

    private Lc4jDispatchApp() {}

    public static void main(String[] args) {
        Map<String, Consumer<String>> scenarios = scenarios();
        for (String scenario : args.length > 0 ? List.of(args) : List.copyOf(scenarios.keySet())) {
            try (ToolgateScope ignored = Toolgate.scope().session(scenario).open()) {
                scenarios.get(scenario).accept(scenario);
            }
        }
        System.out.println("DONE");
    }

    /** Every scenario by name, in the order they run unless the command line names others. */
    private static Map<String, Consumer<String>> scenarios() {
        Map<String, Consumer<String>> scenarios = new LinkedHashMap<>();
        scenarios.put(
                "lc4j-lambda",
                scenario -> chat(
                        scenario,
                        AiServices.builder(DispatchAssistant.class)
                                .tools(Lc4jTools.standard(Lc4jTools.lambda(scenario))),
                        DispatchScenario.STANDARD_CALLS));
        scenarios.put(
                "lc4j-executor-class",
                scenario -> chat(
                        scenario,
                        AiServices.builder(DispatchAssistant.class)
                                .tools(Lc4jTools.standard(new Lc4jTools.BodyExecutor(scenario))),
                        DispatchScenario.STANDARD_CALLS));
        scenarios.put("lc4j-provider", scenario -> {
            ToolProvider provider = request -> ToolProviderResult.builder()
                    .addAll(Lc4jTools.standard(Lc4jTools.lambda(scenario)))
                    .build();
            chat(
                    scenario,
                    AiServices.builder(DispatchAssistant.class).toolProvider(provider),
                    DispatchScenario.STANDARD_CALLS);
        });
        scenarios.put(
                "lc4j-annotated",
                scenario -> chat(
                        scenario,
                        AiServices.builder(DispatchAssistant.class).tools(new Lc4jAnnotatedTools(scenario)),
                        DispatchScenario.STANDARD_CALLS));
        scenarios.put("lc4j-direct", Lc4jDispatchApp::directByClass);
        scenarios.put("lc4j-direct-lambda", Lc4jDispatchApp::directByLambda);
        scenarios.put("lc4j-bad-input", Lc4jDispatchApp::badInput);
        scenarios.put("lc4j-name-clash", Lc4jDispatchApp::nameClash);
        return scenarios;
    }

    private static void chat(
            String scenario, AiServices<DispatchAssistant> builder, List<DispatchScenario.Call> calls) {
        try {
            DispatchAssistant assistant =
                    builder.chatModel(new Lc4jScriptedModel(scenario, calls)).build();
            DispatchScenario.answer(scenario, assistant.chat(QUESTION));
        } catch (RuntimeException failed) {
            DispatchScenario.chatFailed(scenario, failed);
        }
    }

    /** Executors called by the application, without an AI service: the executor itself must refuse. */
    private static void directByClass(String scenario) {
        ToolExecutor executor = new Lc4jTools.BodyExecutor(scenario);
        InvocationContext context =
                InvocationContext.builder().chatMemoryId(scenario).build();
        attempt(scenario, "get", () -> executor.execute(request(DispatchScenario.GET, TARGET), null));
        attempt(scenario, "delete", () -> executor.execute(request(DispatchScenario.DELETE, TARGET), null));
        attempt(
                scenario,
                "delete-with-context",
                () -> executor.executeWithContext(request(DispatchScenario.DELETE, TARGET), context)
                        .resultText());
        attempt(
                scenario,
                "shell",
                () -> executor.execute(
                        request(DispatchScenario.SHELL, "{\"command\":\"" + DispatchScenario.DOWNLOAD_AND_RUN + "\"}"),
                        null));
        attempt(scenario, "empty-name", () -> executor.execute(request(BadInput.EMPTY_NAME, "{}"), null));
        attempt(scenario, "long-name", () -> executor.execute(request(BadInput.LONG_NAME, "{}"), null));
        attempt(scenario, "not-json", () -> executor.execute(request(DispatchScenario.GET, "not json"), null));
    }

    /** The same with an executor written as a lambda. */
    private static void directByLambda(String scenario) {
        ToolExecutor executor = Lc4jTools.lambda(scenario);
        InvocationContext context =
                InvocationContext.builder().chatMemoryId(scenario).build();
        attempt(scenario, "delete", () -> executor.execute(request(DispatchScenario.DELETE, TARGET), null));
        attempt(
                scenario,
                "delete-with-context",
                () -> executor.executeWithContext(request(DispatchScenario.DELETE, TARGET), context)
                        .resultText());
    }

    /**
     * An executor named like an annotated tool elsewhere in the application, which declares itself READ: the
     * executor runs other code, so the policy's default for undeclared tools (the highest risk) must apply.
     */
    private static void nameClash(String scenario) {
        System.out.println("LOADED " + new ReadOnlyCache().getClass().getName());
        ToolExecutor executor = new Lc4jTools.BodyExecutor(scenario);
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        tools.put(Lc4jTools.spec(ReadOnlyCache.TOOL, "scope"), executor);
        tools.put(Lc4jTools.spec(UNDECLARED, "scope"), executor);
        chat(
                scenario,
                AiServices.builder(DispatchAssistant.class).tools(tools),
                List.of(
                        new DispatchScenario.Call("purge-1", ReadOnlyCache.TOOL, "{\"scope\":\"all\"}"),
                        new DispatchScenario.Call("flush-1", UNDECLARED, "{\"scope\":\"all\"}")));
    }

    private static void badInput(String scenario) {
        ToolExecutor echo = Lc4jTools.lambda(scenario);
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        tools.put(Lc4jTools.spec(DispatchScenario.ECHO, "text"), echo);
        tools.put(Lc4jTools.spec(BadInput.EMPTY_NAME), echo);
        tools.put(Lc4jTools.spec(BadInput.LONG_NAME), echo);
        List<DispatchScenario.Call> calls = new ArrayList<>(BadInput.badArguments());
        calls.addAll(BadInput.badNames());
        calls.add(BadInput.fine());
        // Without a strategy LangChain4j ends the whole AI service call on an unknown tool name.
        chat(
                scenario,
                AiServices.builder(DispatchAssistant.class)
                        .tools(tools)
                        .hallucinatedToolNameStrategy(request -> ToolExecutionResultMessage.from(
                                request, "no tool named '" + DispatchScenario.shorten(request.name()) + "'")),
                calls);
    }

    private static ToolExecutionRequest request(String tool, String arguments) {
        return ToolExecutionRequest.builder()
                .id("direct")
                .name(tool)
                .arguments(arguments)
                .build();
    }

    private static void attempt(String scenario, String label, Callable<String> call) {
        String outcome;
        try {
            outcome = "RAN " + call.call();
        } catch (SecurityException refused) {
            outcome = "REFUSED " + refused.getClass().getSimpleName() + ": " + refused.getMessage();
        } catch (Exception | Error failed) {
            outcome = "FAILED " + failed;
        }
        System.out.println("DIRECT " + scenario + " " + label + " " + DispatchScenario.shorten(outcome));
    }
}
