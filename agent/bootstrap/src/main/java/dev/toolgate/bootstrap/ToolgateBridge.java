package dev.toolgate.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The only code that instrumented tool methods and framework dispatch points call. It is on the bootstrap class
 * path, so every class loader resolves it, and it forwards to the gate the agent installed. Until a gate is
 * installed, or when the agent failed to start, every tool call is refused: Toolgate fails closed.
 */
public final class ToolgateBridge {

    private static final AtomicLong SUPPRESSED_ERRORS = new AtomicLong();
    private static final AtomicLong REFUSED_BRIDGE_CALLS = new AtomicLong();
    private static volatile CallGate gate =
            new RefusingGate("the Toolgate agent has not finished starting; tool calls are refused until it has");

    private ToolgateBridge() {}

    /** Called on entry to every tool method. */
    public static Object enter(int toolId, long key, Object[] arguments) {
        // The gate's own work (audit, approvals, budgets) is the agent's, never checked against a running call's
        // sandbox; a scope the gate opens for this call applies from the moment the body runs.
        Object suspended = SandboxBridge.suspend();
        try {
            return gate.enter(toolId, key, arguments);
        } finally {
            SandboxBridge.resume(suspended);
        }
    }

    /** Called on entry to every framework tool dispatch method. */
    public static Object dispatch(int site, long key, Object receiver, Object[] arguments) {
        Object suspended = SandboxBridge.suspend();
        try {
            return gate.dispatch(site, key, receiver, arguments);
        } finally {
            SandboxBridge.resume(suspended);
        }
    }

    /** Called when a framework lists a tool for the model, with the object that will run it. */
    public static void toolListed(long key, Object specification, Object executor) {
        gate.toolListed(key, specification, executor);
    }

    /** The arguments a tool body runs with instead of its own (checked copies), or null to keep its own. */
    public static Object[] bodyArguments(Object token) {
        return token == null || token instanceof SkipCall ? null : gate.bodyArguments(token);
    }

    /**
     * Called when a tool method returns or throws.
     *
     * @return what the method throws: {@code thrown} unchanged, null to return normally, or a replacement
     */
    public static Throwable exit(Object token, Object result, Throwable thrown) {
        if (token == null) {
            return thrown;
        }
        if (token instanceof SkipCall) {
            return null;
        }
        Object suspended = SandboxBridge.suspend();
        try {
            return gate.exit(token, result, thrown);
        } finally {
            SandboxBridge.resume(suspended);
        }
    }

    /** Called after {@link #exit} when the method returns normally: what it returns to its caller. */
    public static Object result(Object token, Object result) {
        if (token == null) {
            return result;
        }
        if (token instanceof SkipCall skipped) {
            return skipped.value();
        }
        Object suspended = SandboxBridge.suspend();
        try {
            return gate.result(token, result);
        } finally {
            SandboxBridge.resume(suspended);
        }
    }

    /** Puts the agent's gate in place. Refused to any caller but the agent. */
    public static void install(CallGate installed) {
        AgentOnly.check("installing a gate");
        gate = installed;
    }

    /** Refuses every tool call from now on, giving {@code reason}. Refused to any caller but the agent. */
    public static void refuseAll(String reason) {
        AgentOnly.check("replacing the gate");
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

    /**
     * Counts a call of the bridge that did not come from woven code or from the agent (a forged tool id, key or
     * token, an install from application code); the call itself was refused.
     */
    public static void countRefusedBridgeCall() {
        REFUSED_BRIDGE_CALLS.incrementAndGet();
    }

    /** Bridge calls refused because they did not come from woven code or the agent; zero unless someone tried. */
    public static long refusedBridgeCalls() {
        return REFUSED_BRIDGE_CALLS.get();
    }

    private static final class RefusingGate implements CallGate {
        private final String reason;

        RefusingGate(String reason) {
            this.reason = reason;
        }

        @Override
        public Object enter(int toolId, long key, Object[] arguments) {
            throw new ToolCallDeniedException(
                    "#" + toolId, ScopeBridge.current().role(), reason);
        }

        @Override
        public Object dispatch(int site, long key, Object receiver, Object[] arguments) {
            throw new ToolCallDeniedException(
                    "(dispatched tool)", ScopeBridge.current().role(), reason);
        }

        @Override
        public Throwable exit(Object token, Object result, Throwable thrown) {
            return thrown;
        }
    }
}
