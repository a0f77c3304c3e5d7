package dev.toolgate.e2e.apps.paths;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import java.util.function.Function;

/** Loaded a second time by a child class loader that does not delegate to the application loader. */
public class ChildLoaded implements Function<String, String> {

    @AgentTool(name = "forbidden_delete", risk = Risk.DELETE)
    public String delete(String path) {
        System.out.println("BODY forbidden_delete " + path);
        return "deleted:" + path;
    }

    @Override
    public String apply(String path) {
        return delete(path);
    }
}
