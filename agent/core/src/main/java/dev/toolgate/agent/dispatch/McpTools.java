package dev.toolgate.agent.dispatch;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Recognises the executors and callbacks of the frameworks' MCP clients and reads what they hold of the tool, by
 * class and field names (the agent has no compile view of them; nothing here makes a network call):
 * <ul>
 *   <li>LangChain4j ({@code langchain4j-mcp}): {@code McpToolExecutor} holds its {@code McpClient} (whose
 *       {@code key()} names the connection) and, when the provider renamed the tool, the server's name for it.
 *       The server's annotations are in the {@code ToolSpecification}'s metadata, which only the tool list has:
 *       {@link #listed} records them when a {@code ToolProviderResult} is built.</li>
 *   <li>Spring AI ({@code spring-ai-mcp}): {@code SyncMcpToolCallback} and {@code AsyncMcpToolCallback} hold the
 *       client (whose client info names the connection) and the server's {@code McpSchema.Tool} with its
 *       annotations.</li>
 * </ul>
 */
public final class McpTools {

    static final String LANGCHAIN4J_EXECUTOR = "dev.langchain4j.mcp.McpToolExecutor";
    static final String SPRING_AI_SYNC_CALLBACK = "org.springframework.ai.mcp.SyncMcpToolCallback";
    static final String SPRING_AI_ASYNC_CALLBACK = "org.springframework.ai.mcp.AsyncMcpToolCallback";

    private enum Kind {
        LANGCHAIN4J,
        SPRING_AI,
        OTHER
    }

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            if (FrameworkMethod.supertype(type, LANGCHAIN4J_EXECUTOR) != null) {
                return Kind.LANGCHAIN4J;
            }
            if (FrameworkMethod.supertype(type, SPRING_AI_SYNC_CALLBACK) != null
                    || FrameworkMethod.supertype(type, SPRING_AI_ASYNC_CALLBACK) != null) {
                return Kind.SPRING_AI;
            }
            return Kind.OTHER;
        }
    };

    /** Annotations of listed LangChain4j tools, by executor; weak, so executors are not kept alive. */
    private final Map<Object, McpTool> listed = Collections.synchronizedMap(new WeakHashMap<>());

    private volatile boolean anyListed;

    /** What {@code executor} holds of an MCP tool, or null when it is no MCP executor or callback. */
    public McpTool read(Object executor) {
        if (executor == null) {
            return null;
        }
        try {
            Kind kind = KINDS.get(executor.getClass());
            McpTool known = anyListed ? listed.get(executor) : null;
            return switch (kind) {
                case LANGCHAIN4J -> {
                    McpTool fromExecutor = langChain4j(executor);
                    yield known == null
                            ? fromExecutor
                            : fromExecutor.withHints(
                                    known.readOnlyHint(), known.destructiveHint(), known.openWorldHint());
                }
                case SPRING_AI -> springAi(executor);
                case OTHER -> known;
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            // An MCP client of another version: the tool is still gated, by its plain name, at the highest risk.
            return null;
        }
    }

    /**
     * A LangChain4j tool provider listed {@code specification} for {@code executor}: keeps the MCP annotations its
     * metadata carries ({@code readOnlyHint}, {@code destructiveHint}, {@code openWorldHint}).
     */
    public void listed(Object specification, Object executor) {
        if (specification == null || executor == null) {
            return;
        }
        try {
            Object metadata = specification.getClass().getMethod("metadata").invoke(specification);
            if (metadata instanceof Map<?, ?> map
                    && (map.containsKey("readOnlyHint")
                            || map.containsKey("destructiveHint")
                            || map.containsKey("openWorldHint"))) {
                listed.put(
                        executor,
                        new McpTool(
                                null,
                                null,
                                bool(map.get("readOnlyHint")),
                                bool(map.get("destructiveHint")),
                                bool(map.get("openWorldHint"))));
                anyListed = true;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            // not a ToolSpecification this version knows: nothing is recorded, the highest risk applies
        }
    }

    private static McpTool langChain4j(Object executor) throws ReflectiveOperationException {
        Object client = field(executor, LANGCHAIN4J_EXECUTOR, "mcpClient");
        String server = client == null
                ? null
                : text(FrameworkMethod.supertype(client.getClass(), "dev.langchain4j.mcp.client.McpClient")
                        .getMethod("key")
                        .invoke(client));
        Object fixed = field(executor, LANGCHAIN4J_EXECUTOR, "fixedToolName");
        String tool = fixed instanceof Optional<?> name ? text(name.orElse(null)) : null;
        return new McpTool(server, tool, null, null, null);
    }

    private static McpTool springAi(Object callback) throws ReflectiveOperationException {
        String declaring = FrameworkMethod.supertype(callback.getClass(), SPRING_AI_SYNC_CALLBACK) != null
                ? SPRING_AI_SYNC_CALLBACK
                : SPRING_AI_ASYNC_CALLBACK;
        Object client = field(callback, declaring, "mcpClient");
        String server = null;
        if (client != null) {
            Object info = client.getClass().getMethod("getClientInfo").invoke(client);
            server =
                    info == null ? null : text(info.getClass().getMethod("name").invoke(info));
        }
        Object tool = field(callback, declaring, "tool");
        if (tool == null) {
            return new McpTool(server, null, null, null, null);
        }
        String name = text(tool.getClass().getMethod("name").invoke(tool));
        Object annotations = tool.getClass().getMethod("annotations").invoke(tool);
        if (annotations == null) {
            return new McpTool(server, name, null, null, null);
        }
        Class<?> type = annotations.getClass();
        return new McpTool(
                server,
                name,
                bool(type.getMethod("readOnlyHint").invoke(annotations)),
                bool(type.getMethod("destructiveHint").invoke(annotations)),
                bool(type.getMethod("openWorldHint").invoke(annotations)));
    }

    private static Object field(Object target, String declaringClass, String name) throws ReflectiveOperationException {
        Class<?> declaring = FrameworkMethod.supertype(target.getClass(), declaringClass);
        Field field = declaring.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    private static String text(Object value) {
        return value instanceof String string && !string.isBlank() ? string : null;
    }

    private static Boolean bool(Object value) {
        return value instanceof Boolean flag ? flag : null;
    }
}
