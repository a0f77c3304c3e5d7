package dev.toolgate.agent.framework;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.PermissionCheck;
import dev.toolgate.bootstrap.ModelCallDeniedException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leaves the tools the caller's role can never call out of what the model is shown: a model that never sees
 * {@code kubectl_delete} cannot be talked into calling it. LangChain4j's {@code ChatRequest} is replaced by a copy
 * with fewer tool specifications; Spring AI's resolved tool definitions by a shorter list. Calls of a hidden tool
 * are still refused by the gate. Each session's hidden set is audited once ({@code tools_hidden}); the sessions
 * remembered for that are capped, so a flood of sessions can only repeat an event, never grow memory.
 */
public final class ToolListFilter {

    static final int MAX_REMEMBERED = 10_000;

    private static final ClassValue<Boolean> CHAT_REQUESTS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return FrameworkTypes.isA(type, FrameworkTypes.LANGCHAIN4J_CHAT_REQUEST);
        }
    };

    /** The permissions of the policy in force: they follow reloads. */
    private final java.util.function.Supplier<PermissionCheck> permissions;

    private final CallerResolver callers;
    private final AuditLog audit;
    private final Mode mode;
    private final Getter toolSpecifications = new Getter("toolSpecifications");
    private final Getter toBuilder = new Getter("toBuilder");
    private final Getter parameters = new Getter("parameters");
    private final Getter name = new Getter("name");
    private final Set<String> reported =
            Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_REMEMBERED;
                }
            }));

    public ToolListFilter(PermissionCheck permissions, CallerResolver callers, AuditLog audit, Mode mode) {
        this(() -> permissions, callers, audit, mode);
    }

    public ToolListFilter(
            java.util.function.Supplier<PermissionCheck> permissions,
            CallerResolver callers,
            AuditLog audit,
            Mode mode) {
        this.permissions = permissions;
        this.callers = callers;
        this.audit = audit;
        this.mode = mode;
    }

    /** What to show the model instead of {@code tools}. */
    public Object shown(Object tools) {
        if (tools instanceof List<?> definitions) {
            List<?> kept = keep(definitions);
            return kept == null ? tools : kept;
        }
        if (CHAT_REQUESTS.get(tools.getClass())) {
            return request(tools);
        }
        return tools;
    }

    private Object request(Object request) {
        if (!(toolSpecifications.from(request) instanceof List<?> specifications) || specifications.isEmpty()) {
            return request;
        }
        List<?> kept = keep(specifications);
        if (kept == null) {
            return request;
        }
        try {
            Object copy = withTools(request, kept);
            if (!(toolSpecifications.from(copy) instanceof List<?> shown) || !shown.equals(kept)) {
                throw new IllegalStateException("the copied request does not carry exactly the tools kept");
            }
            return copy;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ModelCallDeniedException(
                    callers.current().role(),
                    "the tools shown to the model could not be" + " filtered (" + e
                            + "); the call is refused rather than shown tools its role may not call");
        }
    }

    /**
     * A copy of {@code request} whose parameters carry exactly {@code kept}. The parameters are rebuilt with their
     * own class's builder, so a provider's own settings stay; the request builder's own tool list would not do:
     * LangChain4j reads an empty list there as "not set" and keeps every tool of the original parameters.
     */
    private Object withTools(Object request, List<?> kept) throws ReflectiveOperationException {
        Object parameters = this.parameters.from(request);
        Object parametersBuilder = parameters.getClass().getMethod("builder").invoke(null);
        oneArgument(parametersBuilder, "overrideWith").invoke(parametersBuilder, parameters);
        parametersBuilder.getClass().getMethod("toolSpecifications", List.class).invoke(parametersBuilder, kept);
        Object rebuilt = parametersBuilder.getClass().getMethod("build").invoke(parametersBuilder);
        Object requestBuilder = toBuilder.from(request);
        oneArgument(requestBuilder, "parameters").invoke(requestBuilder, rebuilt);
        return requestBuilder.getClass().getMethod("build").invoke(requestBuilder);
    }

    private static Method oneArgument(Object target, String name) throws NoSuchMethodException {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1) {
                return method;
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name + "(…)");
    }

    /** The tools the caller may call, or null when that is all of them. */
    private List<?> keep(List<?> tools) {
        Caller caller = callers.current();
        PermissionCheck current = permissions.get();
        List<Object> kept = null;
        List<String> hidden = null;
        for (int i = 0; i < tools.size(); i++) {
            Object tool = tools.get(i);
            Object toolName = name.from(tool);
            boolean shown = toolName instanceof String text && current.permits(caller.role(), text);
            if (!shown && kept == null) {
                kept = new ArrayList<>(tools.subList(0, i));
                hidden = new ArrayList<>();
            }
            if (shown && kept != null) {
                kept.add(tool);
            } else if (!shown) {
                hidden.add(String.valueOf(toolName));
            }
        }
        if (kept != null) {
            report(caller, hidden);
        }
        return kept;
    }

    private void report(Caller caller, List<String> hidden) {
        if (!reported.add(caller.sessionId() + '\n' + caller.role() + '\n' + String.join(",", hidden))) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("hidden_tools", List.copyOf(hidden));
        details.put("reason", "the role can never call them (not in allowed_tools, or in denied_tools)");
        audit.append(AuditEvent.lifecycle(EventType.TOOLS_HIDDEN, caller, mode, details));
    }
}
