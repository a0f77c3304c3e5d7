package dev.toolgate.bootstrap;

/**
 * What the agent installs behind {@link ToolgateBridge}: decides each tool call before its body runs, and
 * records how it ended.
 */
public interface CallGate {

    /**
     * Decides a call.
     *
     * @return a token for {@link #exit}, or null when nothing needs recording after the call
     * @throws ToolCallDeniedException when the call must not run
     */
    Object enter(int toolId, Object[] arguments);

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
