package dev.toolgate.e2e.apps.springai;

import static dev.toolgate.e2e.apps.SqlScenario.DROP_RESULT;
import static dev.toolgate.e2e.apps.SqlScenario.READ_RESULT;

import dev.toolgate.e2e.apps.SqlScenario;
import org.springframework.ai.tool.annotation.Tool;

/**
 * The tools the application exposes. One is named by its method, the other by the annotation, so both ways
 * Spring AI and Toolgate derive a tool name are exercised.
 */
public class SqlTools {

    @Tool(description = "Runs a read-only SQL query against the warehouse")
    public String sql_read(String query) {
        SqlScenario.toolRan("sql_read");
        return READ_RESULT;
    }

    @Tool(name = "sql_drop", description = "Drops a table from the warehouse")
    public String dropTable(String table) {
        SqlScenario.toolRan("sql_drop");
        return DROP_RESULT;
    }
}
