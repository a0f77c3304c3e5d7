package dev.toolgate.agent.framework;

import dev.toolgate.agent.budget.TokenAccounts;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.bootstrap.ConversationBridge;
import dev.toolgate.bootstrap.UsageBridge;

/**
 * The agent's side of {@link UsageBridge}. Around a framework's model call it holds the conversation the request
 * names (a Spring AI prompt's ToolContext entry), refuses the call when the session's token budget is spent and
 * the policy says so, and counts the tokens the response reports. Only the outermost model call on a thread is
 * counted: a model that delegates to another (a decorator, or {@code chat(request)} calling
 * {@code chat(request, options)}) reports the same tokens twice.
 */
final class ModelCallHandler implements UsageBridge.Handler {

    private static final Object NESTED = new Object();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private record Outermost(Object conversation, Caller caller) {}

    private final CallerResolver callers;
    private final TokenAccounts tokens;
    private final ConversationInterpreter conversations;
    private final TokenUsageReader usage = new TokenUsageReader();

    private final TrustedMessages trusted;
    private final ToolListFilter toolLists;

    /** @param toolLists what the model is shown of the tools; null to show it every tool */
    ModelCallHandler(
            CallerResolver callers,
            TokenAccounts tokens,
            ConversationInterpreter conversations,
            TrustedMessages trusted,
            ToolListFilter toolLists) {
        this.trusted = trusted;
        this.callers = callers;
        this.tokens = tokens;
        this.conversations = conversations;
        this.toolLists = toolLists;
    }

    @Override
    public Object toolsShown(Object tools) {
        return toolLists == null ? tools : toolLists.shown(tools);
    }

    @Override
    public void trustedInput(String text) {
        trusted.declared(callers.current(), text);
    }

    @Override
    public void reportTokens(long count) {
        tokens.add(callers.current(), count);
    }

    @Override
    public Object enterModelCall(Object request) {
        int[] depth = DEPTH.get();
        if (depth[0]++ > 0) {
            return NESTED;
        }
        Object conversation = null;
        try {
            conversation = ConversationBridge.enter(conversations.interpret(new Object[] {request}));
            Caller caller = callers.current();
            tokens.beforeModelCall(caller);
            trusted.record(caller, request);
            return new Outermost(conversation, caller);
        } catch (RuntimeException | Error refusedOrFailed) {
            // No exit follows a failed entry: undo it here.
            ConversationBridge.exit(conversation);
            depth[0]--;
            throw refusedOrFailed;
        }
    }

    @Override
    public void exitModelCall(Object token, Object response) {
        DEPTH.get()[0]--;
        if (token instanceof Outermost outermost) {
            try {
                tokens.add(outermost.caller(), usage.totalTokens(response));
            } finally {
                ConversationBridge.exit(outermost.conversation());
            }
        }
    }
}
