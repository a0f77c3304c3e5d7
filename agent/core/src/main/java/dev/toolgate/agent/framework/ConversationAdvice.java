package dev.toolgate.agent.framework;

import dev.toolgate.bootstrap.ConversationBridge;
import net.bytebuddy.asm.Advice;

/**
 * Woven into the framework methods that run a conversation step with its context at hand (see
 * {@link FrameworkInstrumentation}): the conversation holds on the thread for the method's duration.
 */
final class ConversationAdvice {

    private ConversationAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.AllArguments Object[] arguments) {
        return ConversationBridge.enter(arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token) {
        ConversationBridge.exit(token);
    }
}
