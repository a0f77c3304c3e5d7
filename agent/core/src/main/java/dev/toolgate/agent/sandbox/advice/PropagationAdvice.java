package dev.toolgate.agent.sandbox.advice;

import dev.toolgate.bootstrap.SandboxBridge;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/**
 * Where work changes threads: a thread created in a scope keeps it; a task submitted in a scope runs in it
 * (wrapped at {@code ThreadPoolExecutor.execute} and the scheduled executors' {@code schedule*}, recorded at the
 * fork/join work queues' {@code push}, under every pool submission, {@code fork} and {@code CompletableFuture}'s
 * async stages); pool workers start their loop in no scope.
 */
public final class PropagationAdvice {

    private PropagationAdvice() {}

    /** Every {@code Thread} constructor (virtual threads' too). */
    public static final class ThreadCreated {
        @Advice.OnMethodExit
        static void exit(@Advice.This Thread thread) {
            SandboxBridge.threadCreated(thread);
        }
    }

    /** A {@code Runnable} first argument, run in the submitter's scope. */
    public static final class WrapRunnable {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = SandboxBridge.wrap(task);
        }
    }

    /** A {@code Callable} first argument, run in the submitter's scope. */
    public static final class WrapCallable {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
            task = SandboxBridge.wrap(task);
        }
    }

    /** {@code ForkJoinPool$WorkQueue.push} and {@code lockedPush}: a fork/join task queued. */
    public static final class TaskQueued {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object task) {
            SandboxBridge.taskSubmitted(task);
        }
    }

    /** {@code ForkJoinTask.doExec()}: the task runs in the scope it was queued in. */
    public static final class TaskRun {
        @Advice.OnMethodEnter
        static Object enter(@Advice.This Object task) {
            return SandboxBridge.taskStarting(task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object restore) {
            SandboxBridge.taskEnded(restore);
        }
    }

    /** {@code ThreadPoolExecutor.runWorker}, {@code ForkJoinPool.runWorker}. */
    public static final class WorkerLoop {
        @Advice.OnMethodEnter
        static void enter() {
            SandboxBridge.workerStarting();
        }
    }
}
