package dev.toolgate.agent.sandbox;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.toolgate.agent.instrument.AgentBuilders;
import dev.toolgate.agent.sandbox.advice.FileAdvice;
import dev.toolgate.agent.sandbox.advice.JvmAdvice;
import dev.toolgate.agent.sandbox.advice.NetworkAdvice;
import dev.toolgate.agent.sandbox.advice.ProcessAdvice;
import dev.toolgate.agent.sandbox.advice.PropagationAdvice;
import dev.toolgate.bootstrap.SandboxBridge;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves the sandbox's sinks and propagation points into the JDK by retransformation: inlined advice that calls
 * {@link SandboxBridge} only. Every sink is the lowest Java frame its public APIs share, on Java 17 and 25 alike
 * (a method missing on one version matches nothing there).
 */
public final class SandboxInstrumentation {

    private SandboxInstrumentation() {}

    /** One woven method set: a type, its methods, the advice. */
    private record Sink(String type, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {}

    public static void install(Instrumentation instrumentation, Consumer<String> onError) {
        readBridge(instrumentation);
        // Without it create checks take the public API's way, correct but slower.
        LinkStat.open(instrumentation);
        List<Sink> sinks = new ArrayList<>();
        network(sinks);
        files(sinks);
        jvm(sinks);
        propagation(sinks);
        ClassFileLocator adviceClasses =
                ClassFileLocator.ForClassLoader.of(SandboxInstrumentation.class.getClassLoader());
        // One transformation per type: the first that matches a type is the only one applied to it.
        Map<String, List<AsmVisitorWrapper>> byType = new LinkedHashMap<>();
        for (Sink sink : sinks) {
            byType.computeIfAbsent(sink.type(), type -> new ArrayList<>())
                    .add(Advice.to(sink.advice(), adviceClasses).on(sink.methods()));
        }
        AgentBuilder builder = AgentBuilders.jdk(onError);
        for (Map.Entry<String, List<AsmVisitorWrapper>> type : byType.entrySet()) {
            List<AsmVisitorWrapper> visits = type.getValue();
            builder = builder.type(named(type.getKey())).transform((b, t, loader, module, domain) -> {
                for (AsmVisitorWrapper visit : visits) {
                    b = b.visit(visit);
                }
                return b;
            });
        }
        builder.installOn(instrumentation);
    }

    /** The woven JDK modules must read the boot loader's unnamed module, where the bridge lives. */
    private static void readBridge(Instrumentation instrumentation) {
        Module bridge = SandboxBridge.class.getModule();
        for (Module module : new Module[] {
            Object.class.getModule(),
            ModuleLayer.boot().findModule("jdk.unsupported").orElse(null)
        }) {
            if (module != null && instrumentation.isModifiableModule(module)) {
                instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
            }
        }
    }

    private static void network(List<Sink> sinks) {
        ElementMatcher.Junction<MethodDescription> withAddress =
                takesArguments(4).and(takesArgument(2, java.net.InetAddress.class));
        sinks.add(new Sink("sun.nio.ch.Net", named("connect").and(withAddress), NetworkAdvice.Connect.class));
        sinks.add(new Sink("sun.nio.ch.Net", named("bind").and(withAddress), NetworkAdvice.Bind.class));
        sinks.add(new Sink("sun.nio.ch.NioSocketImpl", named("listen"), NetworkAdvice.Listen.class));
        ElementMatcher.Junction<MethodDescription> bindWithBacklog =
                named("bind").and(takesArguments(java.net.SocketAddress.class, int.class));
        sinks.add(new Sink("sun.nio.ch.ServerSocketChannelImpl", bindWithBacklog, NetworkAdvice.Listen.class));
        sinks.add(new Sink(
                "sun.nio.ch.AsynchronousServerSocketChannelImpl", bindWithBacklog, NetworkAdvice.Listen.class));
        sinks.add(new Sink(
                "sun.nio.ch.DatagramChannelImpl",
                named("send").and(takesArguments(3)).and(takesArgument(2, java.net.InetSocketAddress.class)),
                NetworkAdvice.DatagramSend.class));
        sinks.add(new Sink(
                "sun.nio.ch.UnixDomainSockets",
                named("connect").and(takesArgument(1, java.nio.file.Path.class)),
                NetworkAdvice.LocalConnect.class));
        sinks.add(new Sink("sun.nio.ch.UnixDomainSockets", named("bind"), NetworkAdvice.Listen.class));
        sinks.add(new Sink("java.lang.ProcessImpl", named("start").and(takesArguments(5)), ProcessAdvice.class));
    }

    private static void files(List<Sink> sinks) {
        sinks.add(new Sink(
                "java.io.FileOutputStream",
                named("open").and(takesArguments(String.class, boolean.class)),
                FileAdvice.OutputOpen.class));
        sinks.add(new Sink(
                "java.io.FileInputStream",
                named("open").and(takesArguments(String.class)),
                FileAdvice.InputOpen.class));
        sinks.add(new Sink(
                "java.io.RandomAccessFile",
                named("open").and(takesArguments(String.class, int.class)),
                FileAdvice.RandomAccessOpen.class));
        sinks.add(new Sink(
                "java.io.File",
                namedOneOf("delete", "deleteOnExit").and(takesArguments(0)),
                FileAdvice.IoDelete.class));
        sinks.add(new Sink("java.io.File", named("renameTo"), FileAdvice.IoRename.class));
        sinks.add(new Sink(
                "java.io.File",
                namedOneOf("createNewFile", "mkdir").and(takesArguments(0)),
                FileAdvice.IoCreate.class));
        sinks.add(new Sink(
                "java.io.File",
                namedOneOf("setReadable", "setWritable", "setExecutable", "setLastModified", "setReadOnly"),
                FileAdvice.IoAttributes.class));
        sinks.add(
                new Sink("java.io.File", named("createTempFile").and(takesArguments(3)), FileAdvice.IoTempFile.class));
        String dispatcher = "sun.nio.fs.UnixNativeDispatcher";
        ElementMatcher.Junction<MethodDescription> pathFirst = takesArgument(0, named("sun.nio.fs.UnixPath"));
        sinks.add(
                new Sink(dispatcher, named("open").and(pathFirst).and(takesArguments(3)), FileAdvice.NativeOpen.class));
        sinks.add(new Sink(dispatcher, namedOneOf("unlink", "rmdir").and(pathFirst), FileAdvice.NativeDelete.class));
        sinks.add(new Sink(dispatcher, namedOneOf("mkdir", "mknod").and(pathFirst), FileAdvice.NativeCreate.class));
        sinks.add(new Sink(
                dispatcher,
                namedOneOf("chmod", "chown", "lchown", "utimes", "lutimes").and(pathFirst),
                FileAdvice.NativeAttributes.class));
        sinks.add(new Sink(
                dispatcher,
                namedOneOf("fchmodat", "utimensat").and(takesArgument(1, named("sun.nio.fs.UnixPath"))),
                FileAdvice.NativeAttributesAt.class));
        sinks.add(new Sink(dispatcher, named("rename").and(pathFirst), FileAdvice.NativeRename.class));
        sinks.add(new Sink(dispatcher, named("link").and(pathFirst), FileAdvice.NativeLink.class));
        sinks.add(new Sink(dispatcher, named("symlink"), FileAdvice.NativeSymlink.class));
        sinks.add(new Sink(
                dispatcher,
                namedOneOf("openat", "unlinkat", "renameat").and(takesArgument(1, byte[].class)),
                FileAdvice.NativeRelative.class));
    }

    private static void jvm(List<Sink> sinks) {
        sinks.add(new Sink(
                "java.lang.Shutdown", namedOneOf("exit", "halt").and(takesArguments(int.class)), JvmAdvice.Exit.class));
        sinks.add(new Sink(
                "java.lang.Runtime",
                namedOneOf("load0", "loadLibrary0").and(takesArguments(Class.class, String.class)),
                JvmAdvice.LoadLibrary.class));
        sinks.add(new Sink(
                "java.lang.reflect.AccessibleObject",
                named("checkCanSetAccessible").and(takesArguments(Class.class, Class.class, boolean.class)),
                JvmAdvice.SetAccessible.class));
        sinks.add(new Sink("java.lang.invoke.MethodHandles", named("privateLookupIn"), JvmAdvice.PrivateLookup.class));
        sinks.add(new Sink(
                "sun.misc.Unsafe",
                namedOneOf("objectFieldOffset", "staticFieldOffset", "staticFieldBase")
                        .and(takesArguments(java.lang.reflect.Field.class)),
                JvmAdvice.UnsafeField.class));
    }

    private static void propagation(List<Sink> sinks) {
        sinks.add(new Sink("java.lang.Thread", isConstructor(), PropagationAdvice.ThreadCreated.class));
        sinks.add(new Sink(
                "java.util.concurrent.ThreadPoolExecutor",
                named("execute").and(takesArguments(Runnable.class)),
                PropagationAdvice.WrapRunnable.class));
        for (String scheduler :
                List.of("java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.ForkJoinPool")) {
            ElementMatcher.Junction<MethodDescription> schedule =
                    namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");
            sinks.add(new Sink(
                    scheduler, schedule.and(takesArgument(0, Runnable.class)), PropagationAdvice.WrapRunnable.class));
            sinks.add(new Sink(
                    scheduler, schedule.and(takesArgument(0, Callable.class)), PropagationAdvice.WrapCallable.class));
        }
        sinks.add(new Sink(
                "java.util.concurrent.ForkJoinPool$WorkQueue",
                namedOneOf("push", "lockedPush").and(takesArgument(0, named("java.util.concurrent.ForkJoinTask"))),
                PropagationAdvice.TaskQueued.class));
        sinks.add(new Sink(
                "java.util.concurrent.ForkJoinTask",
                named("doExec").and(takesArguments(0)),
                PropagationAdvice.TaskRun.class));
        sinks.add(new Sink(
                "java.util.concurrent.ThreadPoolExecutor", named("runWorker"), PropagationAdvice.WorkerLoop.class));
        sinks.add(
                new Sink("java.util.concurrent.ForkJoinPool", named("runWorker"), PropagationAdvice.WorkerLoop.class));
    }
}
