package dev.toolgate.sample.tools;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import dev.toolgate.sample.world.World;

/** A shell that only pretends: the command is journaled, never executed. */
public final class ShellTools {

    private final World world;

    public ShellTools(World world) {
        this.world = world;
    }

    @AgentTool(name = "shell_exec", risk = Risk.DELETE)
    public String exec(String command) {
        world.journal().ran("shell_exec", command);
        return "$ " + command + "\n(exit status 0)";
    }
}
