package dev.toolgate.e2e.apps.dispatch;

import java.lang.reflect.Method;
import java.util.List;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.ai.tool.method.MethodToolCallback;
import org.springframework.ai.tool.support.ToolDefinitions;

/** Spring AI tools declared in code, each way a callback is made: function, method, class, anonymous class. */
final class SpringCallbacks {

    private static final String TARGET_SCHEMA = """
            {"type":"object","properties":{"namespace":{"type":"string"},"name":{"type":"string"}}}""";
    private static final String COMMAND_SCHEMA = """
            {"type":"object","properties":{"command":{"type":"string"}}}""";

    private SpringCallbacks() {}

    record Target(String namespace, String name) {}

    record Command(String command) {}

    static List<ToolCallback> functions(String scenario) {
        return List.of(
                FunctionToolCallback.builder(
                                DispatchScenario.GET,
                                (Target target) -> ToolBodies.run(scenario, DispatchScenario.GET, target.toString()))
                        .description("Reads")
                        .inputType(Target.class)
                        .build(),
                FunctionToolCallback.builder(
                                DispatchScenario.DELETE,
                                (Target target) -> ToolBodies.run(scenario, DispatchScenario.DELETE, target.toString()))
                        .description("Deletes")
                        .inputType(Target.class)
                        .build(),
                FunctionToolCallback.builder(
                                DispatchScenario.SHELL,
                                (Command command) ->
                                        ToolBodies.run(scenario, DispatchScenario.SHELL, command.command()))
                        .description("Runs")
                        .inputType(Command.class)
                        .build());
    }

    /** Plain methods, not annotated as tools: the callback is the only place they can be gated. */
    public static final class PlainOps {
        private final String scenario;

        PlainOps(String scenario) {
            this.scenario = scenario;
        }

        public String get(String namespace, String name) {
            return ToolBodies.run(scenario, DispatchScenario.GET, namespace + "/" + name);
        }

        public String delete(String namespace, String name) {
            return ToolBodies.run(scenario, DispatchScenario.DELETE, namespace + "/" + name);
        }

        public String shell(String command) {
            return ToolBodies.run(scenario, DispatchScenario.SHELL, command);
        }
    }

    static List<ToolCallback> methods(String scenario) {
        PlainOps ops = new PlainOps(scenario);
        return List.of(
                method(ops, "get", DispatchScenario.GET, String.class, String.class),
                method(ops, "delete", DispatchScenario.DELETE, String.class, String.class),
                method(ops, "shell", DispatchScenario.SHELL, String.class));
    }

    private static ToolCallback method(PlainOps ops, String methodName, String tool, Class<?>... parameters) {
        try {
            Method method = PlainOps.class.getMethod(methodName, parameters);
            return MethodToolCallback.builder()
                    .toolDefinition(ToolDefinitions.builder(method)
                            .name(tool)
                            .description(tool)
                            .build())
                    .toolMethod(method)
                    .toolObject(ops)
                    .build();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A definition as any {@code ToolDefinition} implementation may give it: Spring AI's own refuses an empty
     * name, an adapter's need not.
     */
    record RawDefinition(String name, String description, String inputSchema) implements ToolDefinition {}

    /** A callback written as a class, as tool libraries and MCP adapters do. */
    static final class BodyCallback implements ToolCallback {
        private final String scenario;
        private final ToolDefinition definition;

        BodyCallback(String scenario, String tool, String schema) {
            this.scenario = scenario;
            this.definition = new RawDefinition(tool, "a tool under test", schema);
        }

        @Override
        public ToolDefinition getToolDefinition() {
            return definition;
        }

        @Override
        public String call(String toolInput) {
            return ToolBodies.run(scenario, definition.name(), toolInput);
        }
    }

    static List<ToolCallback> classes(String scenario) {
        return List.of(
                new BodyCallback(scenario, DispatchScenario.GET, TARGET_SCHEMA),
                new BodyCallback(scenario, DispatchScenario.DELETE, TARGET_SCHEMA),
                new BodyCallback(scenario, DispatchScenario.SHELL, COMMAND_SCHEMA));
    }

    static List<ToolCallback> anonymous(String scenario) {
        return List.of(
                anonymous(scenario, DispatchScenario.GET, TARGET_SCHEMA),
                anonymous(scenario, DispatchScenario.DELETE, TARGET_SCHEMA),
                anonymous(scenario, DispatchScenario.SHELL, COMMAND_SCHEMA));
    }

    private static ToolCallback anonymous(String scenario, String tool, String schema) {
        ToolDefinition definition = new DefaultToolDefinition(tool, "a tool under test", schema);
        return new ToolCallback() {
            @Override
            public ToolDefinition getToolDefinition() {
                return definition;
            }

            @Override
            public String call(String toolInput) {
                return ToolBodies.run(scenario, tool, toolInput);
            }
        };
    }

    static ToolCallback named(String scenario, String tool) {
        return new BodyCallback(
                scenario, tool, "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}");
    }
}
