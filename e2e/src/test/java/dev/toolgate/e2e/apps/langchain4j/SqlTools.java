package dev.toolgate.e2e.apps.langchain4j;

import static dev.toolgate.e2e.apps.SqlScenario.DROP_RESULT;
import static dev.toolgate.e2e.apps.SqlScenario.READ_RESULT;

import dev.langchain4j.agent.tool.Tool;
import dev.toolgate.e2e.apps.SqlScenario;

/**
 * The tools the assistant is given. One is named by its method, the other by the annotation, so both ways
 * LangChain4j and Toolgate derive a tool name are exercised.
 */
public class SqlTools {

    @Tool("Runs a read-only SQL query against the warehouse")
    public String sql_read(String query) {
        SqlScenario.toolRan("sql_read");
        return READ_RESULT;
    }

    @Tool(name = "sql_drop", value = "Drops a table from the warehouse")
    public String dropTable(String table) {
        SqlScenario.toolRan("sql_drop");
        return DROP_RESULT;
    }
}
