package dev.toolgate.sample.planner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The tools a planner may call, by the names the model uses. */
public final class ToolCatalog {

    private final Map<String, ToolBinding> bindings = new LinkedHashMap<>();

    public ToolCatalog bind(String tool, ToolBinding binding) {
        if (bindings.putIfAbsent(tool, binding) != null) {
            throw new IllegalArgumentException("tool " + tool + " is bound twice");
        }
        return this;
    }

    public Set<String> tools() {
        return Set.copyOf(bindings.keySet());
    }

    Object invoke(Step step) {
        ToolBinding binding = bindings.get(step.tool());
        if (binding == null) {
            throw new IllegalArgumentException("no tool named " + step.tool());
        }
        return binding.invoke(step);
    }
}
