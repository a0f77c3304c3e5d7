package dev.toolgate.e2e.apps.dispatch;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;

/**
 * An annotated tool that declares itself harmless. Its name is also used by an unrelated LangChain4j executor,
 * which must not inherit anything from it.
 */
public class ReadOnlyCache {

    public static final String TOOL = "purge_cache";

    @AgentTool(name = TOOL, risk = Risk.READ)
    public String peek(String key) {
        return "cached " + key;
    }
}
