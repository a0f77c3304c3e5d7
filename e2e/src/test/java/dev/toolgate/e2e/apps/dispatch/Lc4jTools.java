package dev.toolgate.e2e.apps.dispatch;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.LinkedHashMap;
import java.util.Map;

/** LangChain4j tools declared in code, as specifications and executors, the two ways executors are written. */
final class Lc4jTools {

    private Lc4jTools() {}

    /** An executor written as a class, as MCP clients and tool libraries do. */
    static final class BodyExecutor implements ToolExecutor {
        private final String scenario;

        BodyExecutor(String scenario) {
            this.scenario = scenario;
        }

        @Override
        public String execute(ToolExecutionRequest request, Object memoryId) {
            return ToolBodies.run(scenario, request.name(), request.arguments());
        }
    }

    /** An executor written as a lambda: a hidden class no agent can weave, so only its dispatch can be gated. */
    static ToolExecutor lambda(String scenario) {
        return (request, memoryId) -> ToolBodies.run(scenario, request.name(), request.arguments());
    }

    static ToolSpecification spec(String name, String... stringParameters) {
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        for (String parameter : stringParameters) {
            parameters.addStringProperty(parameter);
        }
        return ToolSpecification.builder()
                .name(name)
                .description("a tool under test")
                .parameters(parameters.build())
                .build();
    }

    /** The standard tools, each run by {@code executor}. */
    static Map<ToolSpecification, ToolExecutor> standard(ToolExecutor executor) {
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        tools.put(spec(DispatchScenario.GET, "namespace", "name"), executor);
        tools.put(spec(DispatchScenario.DELETE, "namespace", "name"), executor);
        tools.put(spec(DispatchScenario.SHELL, "command"), executor);
        return tools;
    }
}
