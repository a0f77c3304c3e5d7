package dev.toolgate.e2e.apps.dispatch;

import org.springframework.ai.tool.annotation.Tool;

/** Spring AI {@code @Tool} methods: woven as tool methods and reached through their method callbacks. */
public class SpringAnnotatedTools {

    private final String scenario;

    public SpringAnnotatedTools(String scenario) {
        this.scenario = scenario;
    }

    @Tool(name = DispatchScenario.GET, description = "Reads a resource")
    public String get(String namespace, String name) {
        return ToolBodies.run(scenario, DispatchScenario.GET, namespace + "/" + name);
    }

    @Tool(name = DispatchScenario.DELETE, description = "Deletes a resource")
    public String delete(String namespace, String name) {
        return ToolBodies.run(scenario, DispatchScenario.DELETE, namespace + "/" + name);
    }

    @Tool(name = DispatchScenario.SHELL, description = "Runs a shell command")
    public String shell(String command) {
        return ToolBodies.run(scenario, DispatchScenario.SHELL, command);
    }
}
