package dev.toolgate.e2e.apps.paths;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;

public class BridgedTool implements GenericTool<String> {

    @Override
    @AgentTool(name = "bridged_read", risk = Risk.READ)
    public String call(String input) {
        System.out.println("BODY bridged_read " + input);
        return input;
    }
}
