package dev.toolgate.agent.framework;

import dev.toolgate.bootstrap.UsageBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into LangChain4j's chat-model calls: the request goes on with only the tools the caller may call. */
final class ChatRequestAdvice {

    private ChatRequestAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
        request = UsageBridge.toolsShown(request);
    }
}
