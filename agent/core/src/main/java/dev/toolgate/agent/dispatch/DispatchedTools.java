package dev.toolgate.agent.dispatch;

import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.bytebuddy.description.method.MethodDescription;

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
    private final McpTools mcpTools = new McpTools();
    /** Per dispatch site and executor class, the tools by name: a look-up per call, nothing built. */
    private final ClassValue<ExecutorClass>[] bySite;

    private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    /** By tool id, the descriptor of the last call's argument names: most calls of a tool name the same. */
    private volatile ToolDescriptor[] lastNamed = new ToolDescriptor[64];

    private final ConcurrentMap<Method, ToolDescriptor> byMethod = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public DispatchedTools(ToolRegistry registry) {
        this.registry = registry;
        this.bySite = new ClassValue[DispatchSite.values().length];
        for (int i = 0; i < bySite.length; i++) {
            bySite[i] = new ClassValue<>() {
                @Override
                protected ExecutorClass computeValue(Class<?> type) {
                    return new ExecutorClass(MethodExecutors.runsMethods(type));
                }
            };
        }
    }

    /**
     * The tool a dispatched request names.
     *
     * @param tool    its descriptor (unregistered, id -1, when the request cannot be a tool)
     * @param problem why the call must be refused before anything else is decided, or null
     */
    public record Described(ToolDescriptor tool, String problem) {}

    /** An executor class at one site: its tools, and whether it is a method executor (most are not). */
    private static final class ExecutorClass {
        final ConcurrentMap<String, ToolDescriptor> tools = new ConcurrentHashMap<>();
        final boolean runsMethods;

        ExecutorClass(boolean runsMethods) {
            this.runsMethods = runsMethods;
        }
    }

    public Described describe(DispatchSite site, DispatchRequest request) {
        String executorClass = request.executor() == null
                ? "(unknown executor)"
                : request.executor().getClass().getName();
        String name = request.toolName();
        if (name == null || name.isBlank()) {
            return refused(site, "(unnamed)", executorClass, "the tool call names no tool");
        }
        if (name.length() > MAX_NAME_CHARS) {
            return refused(
                    site,
                    name.substring(0, 64) + "…",
                    executorClass,
                    "the tool name is " + name.length() + " characters long; tool names of more than " + MAX_NAME_CHARS
                            + " characters are refused");
        }
        Class<?> executorType =
                request.executor() == null ? Object.class : request.executor().getClass();
        ExecutorClass executor = bySite[site.ordinal()].get(executorType);
        ConcurrentMap<String, ToolDescriptor> tools = executor.tools;
        McpTool mcp = mcpTools.read(request.executor());
        Method method = mcp == null && executor.runsMethods ? MethodExecutors.methodOf(request.executor()) : null;
        // Tools of two MCP servers, or two methods run by one method executor class, may share a name and an
        // executor class: the server or the method is part of the key.
        if (method != null) {
            ToolDescriptor known = byMethod.get(method);
            if (known != null && known.name().equals(name)) {
                return new Described(known, null);
            }
        }
        String key = mcp != null ? name + '\n' + mcp : method != null ? name + '\n' + method : name;
        ToolDescriptor known = tools.get(key);
        if (known != null) {
            return new Described(known, null);
        }
        if (count.get() >= MAX_TOOLS) {
            return refused(
                    site,
                    name,
                    executorClass,
                    "more than " + MAX_TOOLS + " distinct tools were dispatched"
                            + " in this JVM; further new tool names are refused");
        }
        ToolDescriptor registered = tools.computeIfAbsent(key, k -> {
            count.incrementAndGet();
            return registry.get(registry.register(
                    "dispatch|" + site + '|' + k + '|' + executorClass,
                    id -> mcp != null
                            ? mcpDescriptor(id, name, executorClass, site, mcp)
                            : method != null
                                    ? methodDescriptor(id, name, site, method)
                                    : descriptor(id, site, name, executorClass)));
        });
        if (method != null) {
            byMethod.put(method, registered);
        }
        return new Described(registered, null);
    }

    /**
     * {@code tool} as a call that names its arguments {@code names}: the descriptor of the last call with the same
     * names is reused, so calls that keep to one shape build nothing.
     */
    public ToolDescriptor named(ToolDescriptor tool, List<String> names) {
        if (tool.id() < 0) {
            return tool.withParameterNames(names);
        }
        ToolDescriptor[] cache = lastNamed;
        ToolDescriptor last = tool.id() < cache.length ? cache[tool.id()] : null;
        if (last != null
                && (last.parameterNames() == names || last.parameterNames().equals(names))) {
            return last;
        }
        ToolDescriptor named = tool.withParameterNames(names);
        remember(named);
        return named;
    }

    /** The argument names of the last call of {@code tool}, or null: what the next call most likely names. */
    public List<String> lastNames(ToolDescriptor tool) {
        ToolDescriptor[] cache = lastNamed;
        ToolDescriptor last = tool.id() >= 0 && tool.id() < cache.length ? cache[tool.id()] : null;
        return last == null ? null : last.parameterNames();
    }

    private synchronized void remember(ToolDescriptor named) {
        ToolDescriptor[] cache = lastNamed;
        if (named.id() >= cache.length) {
            cache = java.util.Arrays.copyOf(cache, Math.max(cache.length * 2, named.id() + 1));
        }
        cache[named.id()] = named;
        lastNamed = cache;
    }

    /**
     * A dispatched tool that a method executor runs (LangChain4j's {@code DefaultToolExecutor}, Spring AI's
     * {@code MethodToolCallback}) is that method as far as the policy and the audit are concerned: its class and
     * method, and the risk it declares when it is a woven tool method.
     */
    private ToolDescriptor methodDescriptor(int id, String name, DispatchSite site, Method method) {
        String key = method.getDeclaringClass().getName()
                + '#'
                + method.getName()
                + new MethodDescription.ForLoadedMethod(method).getDescriptor();
        ToolDescriptor woven = registry.byMethodKey(key);
        return new ToolDescriptor(
                id,
                name,
                method.getDeclaringClass().getName(),
                method.getName(),
                List.of(),
                woven == null ? null : woven.declaredRisk(),
                woven == null ? site.source() : woven.source());
    }

    /** The MCP client's side of the tool: its server's qualified name for it, and the risk it claims. */
    private static ToolDescriptor mcpDescriptor(
            int id, String name, String executorClass, DispatchSite site, McpTool mcp) {
        return new ToolDescriptor(
                id,
                name,
                executorClass,
                site.method(),
                List.of(),
                mcp.claimedRisk(),
                dev.toolgate.agent.instrument.ToolSource.MCP,
                List.of(),
                mcp.qualifiedName(name));
    }

    /** Keeps what a framework's tool list says of a tool that its executor does not. */
    public void listed(Object specification, Object executor) {
        mcpTools.listed(specification, executor);
    }

    private static Described refused(DispatchSite site, String name, String executorClass, String problem) {
        return new Described(descriptor(-1, site, name, executorClass), problem);
    }

    private static ToolDescriptor descriptor(int id, DispatchSite site, String name, String executorClass) {
        return new ToolDescriptor(id, name, executorClass, site.method(), List.of(), null, site.source());
    }
}
