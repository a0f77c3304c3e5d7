package dev.toolgate.sample.tools;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import dev.toolgate.sample.world.World;

/** PromQL queries, answered with a canned sample. */
public final class MonitoringTools {

    private final World world;

    public MonitoringTools(World world) {
        this.world = world;
    }

    @AgentTool(name = "prometheus_query", risk = Risk.READ)
    public String query(String query) {
        world.journal().ran("prometheus_query", query);
        return query + " => 0.998 @" + 1_764_115_200;
    }
}
