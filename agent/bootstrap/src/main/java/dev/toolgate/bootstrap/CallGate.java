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
     * Records the outcome of a call that {@link #enter} let through, and returns what the caller receives:
     * {@code result} itself, or a screened replacement of the same type (a redacted string).
     *
     * @throws ToolCallDeniedException when the result must be withheld from the caller (it could not be recorded,
     *                                 or screening withholds it)
     */
    Object exit(Object token, Object result, Throwable thrown);
}
