package dev.toolgate.e2e.apps.paths;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;

/** Two tools: one the test policy allows, one it denies. Bodies say when they run. */
public class PathTools {

    @AgentTool(name = "allowed_read", risk = Risk.READ)
    public String read(String path) {
        System.out.println("BODY allowed_read " + path);
        return "read:" + path;
    }

    @AgentTool(name = "forbidden_delete", risk = Risk.DELETE)
    public String delete(String path) {
        System.out.println("BODY forbidden_delete " + path);
        return "deleted:" + path;
    }

    @AgentTool(name = "static_read", risk = Risk.READ)
    public static String staticRead(String path) {
        System.out.println("BODY static_read " + path);
        return "static:" + path;
    }
}
