package dev.toolgate.bootstrap;

/**
 * What the agent installs behind {@link ToolgateBridge}: decides each tool call before its body runs, and
 * records how it ended. Calls come from two kinds of woven code: tool methods ({@link #enter}) and the agent
 * frameworks' tool dispatch points ({@link #dispatch}). Each carries a key written into the woven code, so a call
 * made to the bridge directly, rather than by a woven method, is told apart and refused.
 */
public interface CallGate {

    /**
     * Decides a call of a tool method.
     *
     * @param key the key the gate gave the method's tool id when it was woven
     * @return a token for {@link #exit}, or null when nothing needs recording after the call
     * @throws ToolCallDeniedException when the call must not run
     */
    Object enter(int toolId, long key, Object[] arguments);

    /**
     * Decides a call that reaches a framework's tool dispatch point ({@code ToolExecutor}, {@code ToolCallback},
     * …), whatever declared the tool.
     *
     * @param site      which kind of dispatch point
     * @param key       the key the gate gave that kind of site
     * @param receiver  the dispatching object ({@code this}), null for a static method
     * @param arguments the dispatch method's arguments
     * @return a token for {@link #exit}, a {@link SkipCall} carrying the framework's error result, or null
     * @throws RuntimeException the refusal, in the form the framework hands to the model
     */
    default Object dispatch(int site, long key, Object receiver, Object[] arguments) {
        return null;
    }

    /**
     * A framework listed a tool for the model ({@code specification}) with the object that runs it: what the
     * listing says of the tool that the executor does not (an MCP server's annotations) is kept for its calls.
     *
     * @param key the key the gate gave the woven listing code
     */
    default void toolListed(long key, Object specification, Object executor) {}

    /**
     * The arguments the tool body is to receive instead of its own, or null to leave them: copies of mutable
     * arguments, so that what runs is what was checked.
     */
    default Object[] bodyArguments(Object token) {
        return null;
    }

    /**
     * Records the outcome of a call that {@link #enter} let through.
     *
     * @return how the tool method ends: {@code thrown} as it is (null: it returns {@code result}), or an
     *         exception it throws instead, its result discarded (a call that overran its timeout)
     */
    Throwable exit(Object token, Object result, Throwable thrown);

    /**
     * What a call that {@link #exit} let return hands its caller: {@code result} itself, or a screened replacement
     * of the same type (a redacted string). Called right after {@link #exit}, on the same thread.
     */
    default Object result(Object token, Object result) {
        return result;
    }
}
