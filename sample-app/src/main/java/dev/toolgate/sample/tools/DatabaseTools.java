package dev.toolgate.sample.tools;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import dev.toolgate.sample.world.World;

/** SQL against the in-memory warehouse. */
public final class DatabaseTools {

    private final World world;

    public DatabaseTools(World world) {
        this.world = world;
    }

    @AgentTool(name = "sql_read", risk = Risk.READ)
    public String read(String query) {
        world.journal().ran("sql_read", query);
        return world.database().read(query);
    }

    @AgentTool(name = "sql_write", risk = Risk.MODIFY)
    public String write(String statement) {
        world.journal().ran("sql_write", statement);
        return "UPDATE 1";
    }

    @AgentTool(name = "sql_drop", risk = Risk.DELETE)
    public String drop(String table) {
        world.journal().ran("sql_drop", table);
        return world.database().drop(table) ? "DROP TABLE" : "ERROR: table \"" + table + "\" does not exist";
    }
}
