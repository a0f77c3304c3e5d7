package dev.toolgate.agent.instrument;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Every tool method instrumented so far, by id. Registration happens while classes load (rare, locked);
 * look-up happens on every call (an array read, no lock).
 */
public final class ToolRegistry {

    private final Map<String, Integer> idsByMethodKey = new HashMap<>();
    private volatile ToolDescriptor[] byId = new ToolDescriptor[64];
    private int size;

    /**
     * Registers the tool built by {@code factory} under a new id, or returns the id already given to
     * {@code methodKey} (a class transformed again keeps its ids).
     */
    public synchronized int register(String methodKey, IntFunction<ToolDescriptor> factory) {
        Integer known = idsByMethodKey.get(methodKey);
        if (known != null) {
            return known;
        }
        int id = size;
        ToolDescriptor descriptor = factory.apply(id);
        ToolDescriptor[] current = byId;
        if (id == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[id] = descriptor;
        byId = current;
        size = id + 1;
        idsByMethodKey.put(methodKey, id);
        return id;
    }

    /** The tool with this id, or null if no such id was given. */
    public ToolDescriptor get(int id) {
        ToolDescriptor[] current = byId;
        return id >= 0 && id < current.length ? current[id] : null;
    }

    public synchronized int size() {
        return size;
    }
}
