package dev.toolgate.agent.dispatch;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.toolgate.agent.instrument.AgentBuilders;
import java.lang.instrument.Instrumentation;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves {@link DispatchAdvice} into the frameworks' tool dispatch points, matched by names only (no compile
 * dependency; nothing happens where a framework is absent):
 * <ul>
 *   <li>LangChain4j's {@code ToolService.executeWithErrorHandling}, through which AI services run every tool;</li>
 *   <li>every LangChain4j {@code ToolExecutor}'s {@code execute(ToolExecutionRequest, Object)} and
 *       {@code executeWithContext(ToolExecutionRequest, InvocationContext)}: programmatic executors, MCP tools,
 *       and executors called directly;</li>
 *   <li>every Spring AI {@code ToolCallback}'s {@code call(String)} and {@code call(String, ToolContext)}:
 *       method and function callbacks, MCP callbacks, custom callbacks;</li>
 *   <li>LangChain4j's {@code ToolProviderResult.Builder.add(ToolSpecification, ToolExecutor…)}, not a dispatch
 *       point but where an MCP tool provider lists a tool with the server's annotations.</li>
 * </ul>
 * A call passes several of these (a service, then its executor, then an annotated method): the gate decides it at
 * the first and lets the others through as the same call.
 */
public final class DispatchInstrumentation {

    static final String TOOL_SERVICE = "dev.langchain4j.service.tool.ToolService";
    static final String TOOL_EXECUTOR = "dev.langchain4j.service.tool.ToolExecutor";
    static final String INVOCATION_CONTEXT = "dev.langchain4j.invocation.InvocationContext";
    static final String TOOL_CONTEXT = "org.springframework.ai.chat.model.ToolContext";
    static final String TOOL_PROVIDER_RESULT_BUILDER = "dev.langchain4j.service.tool.ToolProviderResult$Builder";
    static final String TOOL_SPECIFICATION = "dev.langchain4j.agent.tool.ToolSpecification";

    private DispatchInstrumentation() {}

    public static void install(Instrumentation instrumentation, SiteKeys keys, Consumer<String> onError) {
        ElementMatcher.Junction<MethodDescription> service = toolService();
        ElementMatcher.Junction<MethodDescription> executor = toolExecutorMethods();
        ElementMatcher.Junction<MethodDescription> callback = toolCallbackMethods();
        Advice serviceAdvice = advice(DispatchSite.LANGCHAIN4J_TOOL_SERVICE, keys);
        Advice executorAdvice = advice(DispatchSite.LANGCHAIN4J_TOOL_EXECUTOR, keys);
        Advice callbackAdvice = advice(DispatchSite.SPRING_AI_TOOL_CALLBACK, keys);
        ElementMatcher.Junction<MethodDescription> listing = toolListing();
        Advice listingAdvice = Advice.withCustomMapping()
                .bind(ListingKey.class, keys.listingKey())
                .to(
                        ToolListingAdvice.class,
                        ClassFileLocator.ForClassLoader.of(ToolListingAdvice.class.getClassLoader()));
        AgentBuilders.weaving(AgentBuilder.PoolStrategy.Default.FAST, onError)
                .type(named(TOOL_SERVICE)
                        .and(declaresMethod(service))
                        .or(named(TOOL_PROVIDER_RESULT_BUILDER).and(declaresMethod(listing)))
                        .or(declaresMethod(executor).and(failSafe(hasSuperType(named(TOOL_EXECUTOR)))))
                        .or(declaresMethod(callback).and(failSafe(hasSuperType(named(SpringAiObjects.TOOL_CALLBACK))))))
                .transform((builder, type, loader, module, domain) -> builder.visit(serviceAdvice.on(service))
                        .visit(executorAdvice.on(executor))
                        .visit(callbackAdvice.on(callback))
                        .visit(listingAdvice.on(listing)))
                .installOn(instrumentation);
    }

    private static Advice advice(DispatchSite site, SiteKeys keys) {
        return Advice.withCustomMapping()
                .bind(SiteId.class, site.ordinal())
                .bind(SiteKey.class, keys.key(site))
                .to(DispatchAdvice.class, ClassFileLocator.ForClassLoader.of(DispatchAdvice.class.getClassLoader()));
    }

    static ElementMatcher.Junction<MethodDescription> toolService() {
        return isMethod()
                .and(isStatic())
                .and(named("executeWithErrorHandling"))
                .and(takesArgument(0, named(LangChain4jObjects.TOOL_EXECUTION_REQUEST)))
                .and(takesArgument(1, named(TOOL_EXECUTOR)))
                .and(returns(named(LangChain4jObjects.TOOL_EXECUTION_RESULT)));
    }

    /** Where a LangChain4j tool provider lists a tool: its specification (MCP annotations) with its executor. */
    static ElementMatcher.Junction<MethodDescription> toolListing() {
        return isMethod()
                .and(not(isStatic()))
                .and(named("add"))
                .and(takesArgument(0, named(TOOL_SPECIFICATION)))
                .and(takesArgument(1, named(TOOL_EXECUTOR)));
    }

    static ElementMatcher.Junction<MethodDescription> toolExecutorMethods() {
        return isMethod()
                .and(not(isAbstract()))
                .and(not(isStatic()))
                .and(takesArguments(2))
                .and(takesArgument(0, named(LangChain4jObjects.TOOL_EXECUTION_REQUEST)))
                .and(named("execute")
                        .and(takesArgument(1, Object.class))
                        .and(returns(String.class))
                        .or(named("executeWithContext").and(takesArgument(1, named(INVOCATION_CONTEXT)))));
    }

    static ElementMatcher.Junction<MethodDescription> toolCallbackMethods() {
        return isMethod()
                .and(not(isAbstract()))
                .and(not(isStatic()))
                .and(named("call"))
                .and(returns(String.class))
                .and(takesArgument(0, String.class))
                .and(takesArguments(1).or(takesArguments(2).and(takesArgument(1, named(TOOL_CONTEXT)))));
    }
}
