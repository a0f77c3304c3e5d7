package dev.toolgate.agent.gate;

import dev.toolgate.agent.decision.Caller;
import dev.toolgate.bootstrap.CallerContext;
import dev.toolgate.bootstrap.ScopeBridge;
import dev.toolgate.bootstrap.ToolgateBridge;

/**
 * The innermost call the gate let through on each thread, and the caller that threads started during a tool call
 * are bound to. Calls made inside a running tool call are made by its caller: a scope or framework conversation
 * opened inside a tool body cannot switch the rest of the conversation to another role, agent or session. A
 * thread the body starts (or a pool starts for it) is bound to that caller for its whole life, as it inherits the
 * caller's scope: it is tool code, and must not outlive the call to become someone else. Work handed to threads
 * that existed before the call is not bound here (the sandbox's context propagation covers that).
 */
final class CallStack implements ScopeBridge.Guard {

    private final ThreadLocal<ActiveCall> current = new ThreadLocal<>();
    private final InheritableThreadLocal<BoundCaller> bound = new InheritableThreadLocal<>();

    /** The caller a thread started during a call of {@code tool} on {@code owner} is bound to. */
    record BoundCaller(Caller caller, String tool, Thread owner) {}

    ActiveCall current() {
        return current.get();
    }

    /** The caller this thread is bound to because a tool call started it, or null. */
    BoundCaller bound() {
        return bound.get();
    }

    void push(ActiveCall call) {
        current.set(call);
        if (call.parent == null && bound.get() == null) {
            bound.set(new BoundCaller(call.call.caller(), call.toolName(), Thread.currentThread()));
        }
    }

    /**
     * Ends {@code call}, the innermost one: its parent is innermost again. The thread-locals are set to null, not
     * removed: a removed entry is made anew by the next call's look-up, which costs more than the call's decision.
     */
    void pop(ActiveCall call) {
        if (call.parent == null) {
            current.set(null);
            BoundCaller mine = bound.get();
            if (mine != null && mine.owner() == Thread.currentThread()) {
                // This thread's own outermost call ends; only the threads it started stay bound.
                bound.set(null);
            }
        } else {
            current.set(call.parent);
        }
    }

    @Override
    public void opening(CallerContext requested) {
        ActiveCall running = current.get();
        BoundCaller inherited = running == null ? bound.get() : null;
        if (running == null && inherited == null) {
            return;
        }
        Caller caller = running != null ? running.call.caller() : inherited.caller();
        String tool = running != null ? running.toolName() : inherited.tool();
        String change = change("agent", requested.agentId(), caller.agentId());
        if (change == null) {
            change = change("role", requested.role(), caller.role());
        }
        if (change == null) {
            change = change("session", requested.sessionId(), caller.sessionId());
        }
        if (change != null) {
            ToolgateBridge.countRefusedBridgeCall();
            throw new SecurityException("Toolgate refused a scope opened inside the call of tool '"
                    + tool + "'" + (running == null ? " (in a thread that call started)" : "") + ": it would change"
                    + " the " + change + "; a scope opened while a tool call runs may only repeat its caller. Open"
                    + " scopes around the agent, not inside tools.");
        }
    }

    private static String change(String field, String requested, String actual) {
        if (requested == null || requested.equals(actual)) {
            return null;
        }
        return field + " from '" + actual + "' to '" + requested + "'";
    }
}
