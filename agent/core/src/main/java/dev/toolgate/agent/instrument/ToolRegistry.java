package dev.toolgate.agent.instrument;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Every tool instrumented or dispatched so far, by id. Registration happens while classes load or a framework
 * dispatches a tool for the first time (rare, locked); look-up happens on every call (an array read, no lock).
 * Each id comes with a random key that the woven code passes along with it: a call to the bridge made by other
 * code than the woven method cannot know it.
 */
public final class ToolRegistry {

    private final Map<String, Integer> idsByMethodKey = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile ToolDescriptor[] byId = new ToolDescriptor[64];
    private volatile long[] keys = new long[64];
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
        long[] currentKeys = keys;
        if (id == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
            currentKeys = Arrays.copyOf(currentKeys, currentKeys.length * 2);
        }
        current[id] = descriptor;
        currentKeys[id] = random.nextLong();
        keys = currentKeys;
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

    /**
     * The tool with this id if {@code key} is the one it was given, else null: the call did not come from the
     * code woven for it.
     */
    public ToolDescriptor get(int id, long key) {
        ToolDescriptor[] current = byId;
        if (id < 0 || id >= current.length) {
            return null;
        }
        long[] currentKeys = keys;
        return id < currentKeys.length && currentKeys[id] == key ? current[id] : null;
    }

    /** The key given to {@code id} (for the code woven for it); 0 for an unknown id. */
    public long key(int id) {
        long[] currentKeys = keys;
        return id >= 0 && id < size() ? currentKeys[id] : 0;
    }

    /** The tool registered under {@code methodKey} ({@code class#method(descriptor)}), or null. */
    public synchronized ToolDescriptor byMethodKey(String methodKey) {
        Integer id = idsByMethodKey.get(methodKey);
        return id == null ? null : byId[id];
    }

    public synchronized int size() {
        return size;
    }
}
