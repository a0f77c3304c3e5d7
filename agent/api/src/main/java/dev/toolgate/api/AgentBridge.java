package dev.toolgate.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Finds the agent's scope bridge on the bootstrap class path, where the attached agent puts it. Looking only at
 * the bootstrap loader means a copy of the agent jar on the ordinary class path is never mistaken for an
 * attached agent.
 */
final class AgentBridge {

    private static final String BRIDGE = "dev.toolgate.bootstrap.ScopeBridge";
    private static final String USAGE_BRIDGE = "dev.toolgate.bootstrap.UsageBridge";
    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final MethodHandle REPORT_TOKENS;
    private static final MethodHandle TRUSTED_INPUT;

    static {
        MethodHandle open = null;
        MethodHandle close = null;
        try {
            Class<?> bridge = Class.forName(BRIDGE, true, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            open = lookup.findStatic(
                    bridge, "open", MethodType.methodType(Object.class, String.class, String.class, String.class));
            close = lookup.findStatic(bridge, "close", MethodType.methodType(void.class, Object.class));
        } catch (ReflectiveOperationException | LinkageError notAttached) {
            // No agent: scopes are no-ops.
        }
        OPEN = open;
        CLOSE = close;
        MethodHandle report = null;
        try {
            report = MethodHandles.publicLookup()
                    .findStatic(
                            Class.forName(USAGE_BRIDGE, true, null),
                            "reportTokens",
                            MethodType.methodType(void.class, long.class));
        } catch (ReflectiveOperationException | LinkageError notAttached) {
            // No agent, or one without token accounting: reports are no-ops.
        }
        REPORT_TOKENS = report;
        MethodHandle trusted = null;
        try {
            trusted = MethodHandles.publicLookup()
                    .findStatic(
                            Class.forName(USAGE_BRIDGE, true, null),
                            "trustedInput",
                            MethodType.methodType(void.class, String.class));
        } catch (ReflectiveOperationException | LinkageError notAttached) {
            // No agent, or one without provenance: declarations are no-ops.
        }
        TRUSTED_INPUT = trusted;
    }

    private AgentBridge() {}

    static boolean isAttached() {
        return OPEN != null;
    }

    static Object open(String agentId, String role, String sessionId) {
        if (OPEN == null) {
            return null;
        }
        try {
            return OPEN.invoke(agentId, role, sessionId);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Toolgate scope could not be opened", t);
        }
    }

    static void reportTokens(long tokens) {
        if (REPORT_TOKENS == null) {
            return;
        }
        try {
            REPORT_TOKENS.invokeExact(tokens);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Toolgate could not take the token report", t);
        }
    }

    static void trustedInput(String text) {
        if (TRUSTED_INPUT == null) {
            return;
        }
        try {
            TRUSTED_INPUT.invokeExact(text);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Toolgate could not take the trusted input", t);
        }
    }

    static void close(Object token) {
        if (CLOSE == null) {
            return;
        }
        try {
            CLOSE.invoke(token);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Toolgate scope could not be closed", t);
        }
    }
}
