package dev.toolgate.sample.world;

import java.util.List;

/** One tool body that actually executed, with the arguments it received. */
public record ToolRun(String tool, List<String> arguments) {

    public ToolRun {
        arguments = List.copyOf(arguments);
    }
}
