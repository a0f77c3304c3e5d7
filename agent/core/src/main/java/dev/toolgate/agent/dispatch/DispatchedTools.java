package dev.toolgate.agent.dispatch;

import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The tools that reach a dispatch point, described the first time each is called and registered beside the woven
 * tool methods, so every later step (risk, permission, validation plans, budgets, audit) treats them alike. The
 * model chooses tool names, so names are bounded in length and the number of distinct tools is capped; a call
 * past either bound is refused, not registered.
 */
public final class DispatchedTools {

    public static final int MAX_NAME_CHARS = 256;
    public static final int MAX_TOOLS = 10_000;

    private final ToolRegistry registry;
    private final ConcurrentMap<String, ToolDescriptor> byKey = new ConcurrentHashMap<>();

    public DispatchedTools(ToolRegistry registry) {
        this.registry = registry;
    }

    /**
     * The tool a dispatched request names.
     *
     * @param tool    its descriptor (unregistered, id -1, when the request cannot be a tool)
     * @param problem why the call must be refused before anything else is decided, or null
     */
    public record Described(ToolDescriptor tool, String problem) {
    }

    public Described describe(DispatchSite site, DispatchRequest request) {
        String executorClass = request.executor() == null ? "(unknown executor)"
                : request.executor().getClass().getName();
        String name = request.toolName();
        if (name == null || name.isBlank()) {
            return refused(site, "(unnamed)", executorClass, "the tool call names no tool");
        }
        if (name.length() > MAX_NAME_CHARS) {
            return refused(site, name.substring(0, 64) + "…", executorClass, "the tool name is " + name.length()
                    + " characters long; tool names of more than " + MAX_NAME_CHARS + " characters are refused");
        }
        String key = site.source().name() + '|' + name + '|' + executorClass;
        ToolDescriptor known = byKey.get(key);
        if (known != null) {
            return new Described(known, null);
        }
        if (byKey.size() >= MAX_TOOLS) {
            return refused(site, name, executorClass, "more than " + MAX_TOOLS + " distinct tools were dispatched"
                    + " in this JVM; further new tool names are refused");
        }
        ToolDescriptor registered = byKey.computeIfAbsent(key, k -> registry.get(registry.register("dispatch|" + k,
                id -> described(id, site, name, executorClass))));
        return new Described(registered, null);
    }

    /**
     * A dispatched tool that runs a tool method (LangChain4j's method executors, Spring AI's method callbacks)
     * is that method as far as the policy and the audit are concerned: its declared risk, class and method.
     */
    private ToolDescriptor described(int id, DispatchSite site, String name, String executorClass) {
        ToolDescriptor method = registry.methodTool(name);
        if (method == null) {
            return descriptor(id, site, name, executorClass);
        }
        return new ToolDescriptor(id, name, method.declaringClass(), method.method(), List.of(),
                method.declaredRisk(), method.source());
    }

    private static Described refused(DispatchSite site, String name, String executorClass, String problem) {
        return new Described(descriptor(-1, site, name, executorClass), problem);
    }

    private static ToolDescriptor descriptor(int id, DispatchSite site, String name, String executorClass) {
        return new ToolDescriptor(id, name, executorClass, site.method(), List.of(), null, site.source());
    }
}
