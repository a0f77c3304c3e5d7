package dev.toolgate.agent.gate;

import dev.toolgate.agent.decision.Caller;
import dev.toolgate.bootstrap.CallerContext;
import dev.toolgate.bootstrap.ScopeBridge;
import dev.toolgate.bootstrap.ToolgateBridge;

/**
 * The innermost call the gate let through on each thread. Calls made inside a running tool call are made by its
 * caller: a scope or framework conversation opened inside a tool body cannot switch the rest of the
 * conversation to another role, agent or session. A plain thread-local: work handed to other threads is outside
 * it (the sandbox's scope propagation covers that).
 */
final class CallStack implements ScopeBridge.Guard {

    private final ThreadLocal<ActiveCall> current = new ThreadLocal<>();

    ActiveCall current() {
        return current.get();
    }

    void push(ActiveCall call) {
        current.set(call);
    }

    /** Ends {@code call}, the innermost one: its parent is innermost again. */
    void pop(ActiveCall call) {
        if (call.parent == null) {
            current.remove();
        } else {
            current.set(call.parent);
        }
    }

    @Override
    public void opening(CallerContext requested) {
        ActiveCall running = current.get();
        if (running == null) {
            return;
        }
        Caller caller = running.call.caller();
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
                    + running.toolName() + "': it would change the " + change + "; a scope opened while a tool call"
                    + " runs may only repeat its caller. Open scopes around the agent, not inside tools.");
        }
    }

    private static String change(String field, String requested, String actual) {
        if (requested == null || requested.equals(actual)) {
            return null;
        }
        return field + " from '" + actual + "' to '" + requested + "'";
    }
}
