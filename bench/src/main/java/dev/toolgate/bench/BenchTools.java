package dev.toolgate.bench;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;

/**
 * The tools under measurement. All three methods do the same trivial work; they differ only in whether, and
 * under which name, they are marked as tools. The benchmark policy allows {@code bench_allowed} and denies
 * {@code bench_denied} for the role {@code bench_agent}.
 */
public class BenchTools {

    public static final String ALLOWED_TOOL = "bench_allowed";
    public static final String DENIED_TOOL = "bench_denied";

    @AgentTool(name = ALLOWED_TOOL, risk = Risk.READ)
    public int allowedTool(String query) {
        return query.length();
    }

    @AgentTool(name = DENIED_TOOL, risk = Risk.READ)
    public int deniedTool(String query) {
        return query.length();
    }

    /** Not a tool: the baseline. */
    public int plainMethod(String query) {
        return query.length();
    }
}
