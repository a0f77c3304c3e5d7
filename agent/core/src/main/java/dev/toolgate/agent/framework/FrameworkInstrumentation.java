package dev.toolgate.agent.framework;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.budget.TokenAccounts;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.PermissionCheck;
import dev.toolgate.agent.instrument.AgentBuilders;
import dev.toolgate.agent.policy.SessionPolicy;
import dev.toolgate.agent.provenance.Provenance;
import dev.toolgate.bootstrap.ConversationBridge;
import dev.toolgate.bootstrap.UsageBridge;
import java.lang.instrument.Instrumentation;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Hooks into LangChain4j and Spring AI, matched by name (no compile dependency; nothing happens where they are
 * absent):
 * <ul>
 *   <li><b>conversations</b> ({@link ConversationAdvice}): LangChain4j's AI service invocation
 *       ({@code DefaultAiServices…invoke(Method, Object[], InvocationContext)}, which spans its model calls and
 *       tool calls). Tool calls on other threads get their conversation at the dispatch point, from the
 *       InvocationContext or Spring AI ToolContext it is given ({@code dev.toolgate.agent.dispatch});</li>
 *   <li><b>model calls</b> ({@link ModelCallAdvice}): LangChain4j's {@code ChatModel.chat(ChatRequest…)} and
 *       Spring AI's {@code ChatModel.call(Prompt)}, in the framework and in application classes.</li>
 * </ul>
 * Streaming model calls report their usage on other threads, to handlers, and are not counted: report them with
 * {@code Toolgate.reportTokens}.
 */
public final class FrameworkInstrumentation {

    private FrameworkInstrumentation() {}

    /** Installs the bridges' agent side and the instrumentation. */
    /**
     * @param hideDeniedTools the permissions of the policy in force (they follow reloads), when tools the caller can never call are to be left out of
     *                        what the model is shown; null to show every tool (monitor mode, or as configured)
     */
    public static void install(
            Instrumentation instrumentation,
            SessionPolicy sessions,
            CallerResolver callers,
            TokenAccounts tokens,
            Provenance provenance,
            java.util.function.BooleanSupplier insideToolCall,
            java.util.function.Supplier<PermissionCheck> hideDeniedTools,
            AuditLog audit,
            Mode mode,
            Consumer<String> onError) {
        ConversationInterpreter conversations = new ConversationInterpreter(
                new ConversationIds(sessions.springAiContextKey()),
                new ConversationPatterns(sessions.conversationPatterns()));
        ConversationBridge.install(conversations);
        UsageBridge.install(new ModelCallHandler(
                callers,
                tokens,
                conversations,
                new TrustedMessages(provenance, insideToolCall),
                hideDeniedTools == null ? null : new ToolListFilter(hideDeniedTools, callers, audit, mode)));

        ElementMatcher.Junction<MethodDescription> conversationMethods = conversationMethods();
        ElementMatcher.Junction<MethodDescription> modelCalls = modelCalls();
        ClassFileLocator adviceLocator =
                ClassFileLocator.ForClassLoader.of(FrameworkInstrumentation.class.getClassLoader());
        Advice conversationAdvice = Advice.to(ConversationAdvice.class, adviceLocator);
        Advice modelCallAdvice = Advice.to(ModelCallAdvice.class, adviceLocator);
        Advice chatRequestAdvice = Advice.to(ChatRequestAdvice.class, adviceLocator);
        Advice toolDefinitionsAdvice = Advice.to(ToolDefinitionsAdvice.class, adviceLocator);
        ElementMatcher.Junction<MethodDescription> chatRequests = langChain4jModelCalls();
        ElementMatcher.Junction<MethodDescription> toolDefinitions = toolDefinitionResolution();
        AgentBuilders.weaving(AgentBuilder.PoolStrategy.Default.FAST, onError)
                .type(declaresMethod(conversationMethods.or(modelCalls).or(toolDefinitions)))
                .transform((builder, type, loader, module, domain) -> builder.visit(
                                conversationAdvice.on(conversationMethods))
                        .visit(modelCallAdvice.on(modelCalls))
                        .visit(chatRequestAdvice.on(chatRequests))
                        .visit(toolDefinitionsAdvice.on(toolDefinitions)))
                .installOn(instrumentation);
    }

    static ElementMatcher.Junction<MethodDescription> conversationMethods() {
        return isMethod()
                .and(not(isAbstract()))
                .and(named("invoke")
                        .and(takesArguments(3))
                        .and(takesArgument(2, named(FrameworkTypes.LANGCHAIN4J_INVOCATION_CONTEXT)))
                        .and(isDeclaredBy(nameStartsWith(FrameworkTypes.LANGCHAIN4J_AI_SERVICES))));
    }

    static ElementMatcher.Junction<MethodDescription> langChain4jModelCalls() {
        return isMethod()
                .and(not(isAbstract()))
                .and(named("chat")
                        .and(takesArgument(0, named(FrameworkTypes.LANGCHAIN4J_CHAT_REQUEST)))
                        .and(returns(named(FrameworkTypes.LANGCHAIN4J_CHAT_RESPONSE))));
    }

    /** Where a Spring AI chat model resolves the tool definitions it offers the model. */
    static ElementMatcher.Junction<MethodDescription> toolDefinitionResolution() {
        return isMethod()
                .and(not(isAbstract()))
                .and(named("resolveToolDefinitions"))
                .and(takesArguments(1))
                .and(takesArgument(0, named("org.springframework.ai.model.tool.ToolCallingChatOptions")))
                .and(returns(named("java.util.List")));
    }

    static ElementMatcher.Junction<MethodDescription> modelCalls() {
        return isMethod()
                .and(not(isAbstract()))
                .and(named("chat")
                        .and(takesArgument(0, named(FrameworkTypes.LANGCHAIN4J_CHAT_REQUEST)))
                        .and(returns(named(FrameworkTypes.LANGCHAIN4J_CHAT_RESPONSE)))
                        .or(named("call")
                                .and(takesArguments(1))
                                .and(takesArgument(0, named(FrameworkTypes.SPRING_AI_PROMPT)))
                                .and(returns(named(FrameworkTypes.SPRING_AI_CHAT_RESPONSE)))));
    }
}
