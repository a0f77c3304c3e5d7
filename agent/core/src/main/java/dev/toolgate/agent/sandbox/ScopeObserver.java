package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.bootstrap.SandboxBridge;
import java.util.Map;

/**
 * Opens a call's sandbox scope as its body is about to run and closes it when the body ends. An MCP server's tool
 * gets none: its body runs in the server's process, and what runs here is the client's transport.
 */
final class ScopeObserver implements CallObserver {

    private final Map<String, SandboxRules> rules;
    private final Object key;
    private final Mode mode;

    ScopeObserver(Map<String, SandboxRules> rules, Object key, Mode mode) {
        this.rules = rules;
        this.key = key;
        this.mode = mode;
    }

    @Override
    public Object started(ToolCall call, Decision decision) {
        if (call.tool().source() == ToolSource.MCP) {
            return null;
        }
        SandboxRules role = rulesOf(rules, call.caller().role());
        if (role.mode == SandboxRules.Mode.OFF) {
            return null;
        }
        boolean monitor = mode == Mode.MONITOR || role.mode == SandboxRules.Mode.MONITOR;
        return new Opened(SandboxBridge.open(key, new SandboxScope(role, call, decision, monitor)));
    }

    @Override
    public Throwable ending(ToolCall call, Object startToken, Object result, Throwable thrown) {
        if (startToken instanceof Opened opened) {
            SandboxBridge.close(key, opened.previous());
        }
        return thrown;
    }

    @Override
    public void completed(ToolCall call, Decision decision, Object result, Throwable thrown, long durationNanos) {}

    static SandboxRules rulesOf(Map<String, SandboxRules> rules, String role) {
        SandboxRules found = role == null ? null : rules.get(role);
        return found != null ? found : rules.get(SandboxRules.UNNAMED_ROLE);
    }

    /** The scope the thread had before the call, put back when it ends. */
    private record Opened(Object previous) {}
}
