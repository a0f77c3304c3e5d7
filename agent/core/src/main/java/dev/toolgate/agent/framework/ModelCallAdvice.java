package dev.toolgate.agent.framework;

import dev.toolgate.bootstrap.UsageBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the chat-model calls of LangChain4j and Spring AI: may refuse the call (token budget spent) and
 * counts the tokens its response reports.
 */
final class ModelCallAdvice {

    private ModelCallAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) Object request) {
        return UsageBridge.enterModelCall(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object response) {
        UsageBridge.exitModelCall(token, response);
    }
}
