package dev.toolgate.agent.instrument;

import dev.toolgate.bootstrap.ToolgateBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into every tool method. Inlined, so it may reference nothing but the bootstrap bridge, which every
 * class loader sees. A refused call throws from {@code enter}, before the body runs. When the gate copied
 * mutable arguments, the body runs with the copies it checked. On exit the bridge may replace what the method
 * throws (a call that overran its timeout ends with a budget error, whatever it returned; a result screening
 * withholds ends with a refusal) and what it returns (a redacted string).
 */
final class ToolAdvice {

    private ToolAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(
            @ToolId int toolId,
            @ToolKey long key,
            @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] arguments) {
        Object token = ToolgateBridge.enter(toolId, key, arguments);
        Object[] checked = ToolgateBridge.bodyArguments(token);
        if (checked != null) {
            arguments = checked;
        }
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(
            @Advice.Enter Object token,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
            @Advice.Thrown(readOnly = false) Throwable thrown) {
        thrown = ToolgateBridge.exit(token, result, thrown);
        result = ToolgateBridge.result(token, result);
    }
}
