package dev.toolgate.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The only code that instrumented tool methods call. It is on the bootstrap class path, so every class loader
 * resolves it, and it forwards to the gate the agent installed. Until a gate is installed, or when the agent
 * failed to start, every tool call is refused: Toolgate fails closed.
 */
public final class ToolgateBridge {

    private static final AtomicLong SUPPRESSED_ERRORS = new AtomicLong();
    private static volatile CallGate gate =
            new RefusingGate("the Toolgate agent has not finished starting; tool calls are refused until it has");

    private ToolgateBridge() {
    }

    /** Called on entry to every tool method. */
    public static Object enter(int toolId, Object[] arguments) {
        return gate.enter(toolId, arguments);
    }

    /**
     * Called when a tool method returns or throws.
     *
     * @return what the method throws: {@code thrown} unchanged, null to return normally, or a replacement
     */
    public static Throwable exit(Object token, Object result, Throwable thrown) {
        return token == null ? thrown : gate.exit(token, result, thrown);
    }

    /** Called after {@link #exit} when the method returns normally: what it returns to its caller. */
    public static Object result(Object token, Object result) {
        return token == null ? result : gate.result(token, result);
    }

    /** Puts the agent's gate in place. */
    public static void install(CallGate installed) {
        gate = installed;
    }

    /** Refuses every tool call from now on, giving {@code reason}. */
    public static void refuseAll(String reason) {
        gate = new RefusingGate(reason);
    }

    /** Counts an internal error that was handled without reaching the application. */
    public static void countSuppressedError() {
        SUPPRESSED_ERRORS.incrementAndGet();
    }

    /** Internal errors handled so far; a healthy agent reports zero. */
    public static long suppressedErrors() {
        return SUPPRESSED_ERRORS.get();
    }

    private static final class RefusingGate implements CallGate {
        private final String reason;

        RefusingGate(String reason) {
            this.reason = reason;
        }

        @Override
        public Object enter(int toolId, Object[] arguments) {
            throw new ToolCallDeniedException("#" + toolId, ScopeBridge.current().role(), reason);
        }

        @Override
        public Throwable exit(Object token, Object result, Throwable thrown) {
            return thrown;
        }
    }
}
