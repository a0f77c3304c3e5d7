package dev.toolgate.agent.dispatch;

import dev.toolgate.bootstrap.SkipCall;
import dev.toolgate.bootstrap.ToolgateBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the frameworks' tool dispatch methods (see {@link DispatchInstrumentation}). Inlined, so it may
 * reference nothing but the bootstrap classes. A refusal is thrown from {@code enter} in the form the framework
 * hands to the model, or, where the framework would not, returned as a {@link SkipCall}: the body is skipped and
 * the method returns the framework's own error result.
 */
final class DispatchAdvice {

    private DispatchAdvice() {}

    @Advice.OnMethodEnter(skipOn = SkipCall.class)
    static Object enter(
            @SiteId int site,
            @SiteKey long key,
            @Advice.This(optional = true) Object self,
            @Advice.AllArguments Object[] arguments) {
        return ToolgateBridge.dispatch(site, key, self, arguments);
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
