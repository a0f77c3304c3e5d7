package dev.toolgate.e2e.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conversation every framework app plays: the scripted model asks for {@value #READ_TOOL} and then
 * {@value #DROP_TOOL}, and is shown what each call returned. The apps print fixed markers on stdout so a test can
 * tell which tool bodies ran and what the model was handed back.
 */
public final class SqlScenario {

    public static final String READ_TOOL = "sql_read";
    public static final String DROP_TOOL = "sql_drop";
    public static final String ROLE = "data_agent";

    /** Printed by a tool body as its first statement: {@code TOOL-RAN <tool>}. */
    public static final String TOOL_RAN = "TOOL-RAN ";
    /** Printed by the scripted model per tool result it receives: {@code MODEL-SAW <tool>: <text>}. */
    public static final String MODEL_SAW = "MODEL-SAW ";
    /** Printed by the app with the assistant's final answer. */
    public static final String ANSWER = "ANSWER ";

    public static final String READ_QUERY = "select name from users";
    public static final String DROP_TABLE = "users";
    public static final String READ_RESULT = "3 rows: alice, bob, carol";
    public static final String DROP_RESULT = "table users dropped";
    public static final String FINAL_ANSWER = "Here are the users; the table was left alone.";

    /** A role that may read and may not drop. */
    private static final String POLICY = """
            version: 1
            roles:
              data_agent:
                description: Reads the warehouse, never changes it.
                allowed_tools: [sql_read]
                denied_tools: [sql_drop]
            tools:
              sql_read: {risk: read}
              sql_drop: {risk: delete}
            """;

    private SqlScenario() {}

    public static void toolRan(String tool) {
        System.out.println(TOOL_RAN + tool);
    }

    /** Prints one tool result as the model received it, on one line whatever the text holds. */
    public static void modelSaw(String tool, String text) {
        System.out.println(MODEL_SAW + tool + ": "
                + String.valueOf(text).replace('\r', ' ').replace('\n', ' '));
    }

    public static void answer(String text) {
        System.out.println(ANSWER + text);
    }

    /** Writes the policy into {@code dir} and returns the agent arguments that use it. */
    public static String agentArgumentsFor(Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        return "policy=" + policy.toAbsolutePath() + ",role=" + ROLE;
    }

    /** What the model saw per tool, from an app's stdout; the last line per tool wins. */
    public static Map<String, String> modelSawByTool(String stdout) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : stdout.lines().toList()) {
            if (line.startsWith(MODEL_SAW)) {
                String rest = line.substring(MODEL_SAW.length());
                int colon = rest.indexOf(": ");
                if (colon > 0) {
                    seen.put(rest.substring(0, colon), rest.substring(colon + 2));
                }
            }
        }
        return seen;
    }

    public static boolean toolRanIn(String stdout, String tool) {
        return stdout.lines().anyMatch(line -> line.equals(TOOL_RAN + tool));
    }
}
