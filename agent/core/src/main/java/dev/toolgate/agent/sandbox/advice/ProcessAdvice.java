package dev.toolgate.agent.sandbox.advice;

import dev.toolgate.bootstrap.SandboxBridge;
import net.bytebuddy.asm.Advice;

/** {@code ProcessImpl.start}: under {@code ProcessBuilder.start}, {@code startPipeline} and {@code Runtime.exec}. */
public final class ProcessAdvice {

    private ProcessAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String[] command, @Advice.Argument(2) String directory) {
        SandboxBridge.exec(command, directory);
    }
}
