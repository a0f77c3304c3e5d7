package dev.toolgate.e2e.apps.dispatch;

import dev.langchain4j.agent.tool.Tool;

/** LangChain4j {@code @Tool} methods: woven as tool methods and reached through LangChain4j's dispatch. */
public class Lc4jAnnotatedTools {

    private final String scenario;

    public Lc4jAnnotatedTools(String scenario) {
        this.scenario = scenario;
    }

    @Tool(name = DispatchScenario.GET, value = "Reads a resource")
    public String get(String namespace, String name) {
        return ToolBodies.run(scenario, DispatchScenario.GET, namespace + "/" + name);
    }

    @Tool(name = DispatchScenario.DELETE, value = "Deletes a resource")
    public String delete(String namespace, String name) {
        return ToolBodies.run(scenario, DispatchScenario.DELETE, namespace + "/" + name);
    }

    @Tool(name = DispatchScenario.SHELL, value = "Runs a shell command")
    public String shell(String command) {
        return ToolBodies.run(scenario, DispatchScenario.SHELL, command);
    }
}
