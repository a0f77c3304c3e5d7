package dev.toolgate.agent.framework;

import dev.toolgate.bootstrap.UsageBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into Spring AI's {@code ToolCallingManager.resolveToolDefinitions}, where a chat model learns which tools
 * to offer: it returns only the tools the caller may call.
 */
final class ToolDefinitionsAdvice {

    private ToolDefinitionsAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object definitions) {
        definitions = UsageBridge.toolsShown(definitions);
    }
}
