package dev.toolgate.bootstrap;

import java.io.File;
import java.net.InetAddress;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the JDK's woven sinks (file open, connect, process start, exit, reflection…) and propagation points
 * (thread creation, executors, fork/join) call. It lives on the bootstrap path because the JDK's own classes only
 * see the boot loader. Each thread may carry a sandbox scope: the rules of the tool call it works for. The scope is
 * opened by the agent when an allowed call is about to run its body and closed when the call exits; threads the
 * call creates, and work it submits to executors, carry it too.
 *
 * <p>Outside tool calls a sink pays one read of {@link #LIVE}, which is zero until the first scope opens and again
 * whenever no thread runs in one (threads started in a scope keep it for their lifetime, and keep the count up).
 * While agent code runs on a tool thread the scope is suspended, so the agent's own I/O is never checked.
 */
public final class SandboxBridge {

    /** Access kinds of a file operation, as bits. */
    public static final int READ = 1;

    public static final int WRITE = 2;
    public static final int CREATE = 4;
    public static final int DELETE = 8;
    public static final int RENAME = 16;
    public static final int ATTRIBUTES = 32;
    public static final int LINK = 64;
    /** The path is relative to a directory descriptor, so where it points cannot be told. */
    public static final int RELATIVE = 128;

    /** Threads running in a scope right now, plus one for good per thread started in a scope. */
    private static final AtomicInteger LIVE = new AtomicInteger();

    /** Threads created in a scope, until they first look theirs up. */
    private static final Map<Thread, Object> CREATED = Collections.synchronizedMap(new WeakHashMap<>());
    /** Fork/join tasks submitted in a scope, until they run. */
    private static final Map<Object, Object> TASKS = Collections.synchronizedMap(new WeakHashMap<>());

    private static final ThreadLocal<Slot> SLOT = new ThreadLocal<>() {
        @Override
        protected Slot initialValue() {
            Slot slot = new Slot();
            if (!CREATED.isEmpty()) {
                slot.scope = CREATED.remove(Thread.currentThread());
            }
            return slot;
        }
    };

    private static volatile Checker checker;
    private static volatile Object key;

    /** The agent's checks, called with the scope of the thread and the operation; they throw to refuse it. */
    public interface Checker {
        void connect(Object scope, InetAddress address, int port, String how);

        void listen(Object scope, InetAddress address, int port, String how);

        void connectLocal(Object scope, String path, String how);

        void exec(Object scope, String[] command, String directory);

        void file(Object scope, int access, String path, String second, String how);

        void jvm(Object scope, String operation, String target);

        /** A thread created in the scope, before it is handed to its creator; throwing refuses it. */
        void threadCreated(Object scope, String name);
    }

    /** A thread's state: its scope, and how deep agent code has suspended it. */
    private static final class Slot {
        Object scope;
        int suspended;
    }

    private SandboxBridge() {}

    /**
     * Installs the agent's checks. Refused to any caller but the agent.
     *
     * @return the key that opening and closing scopes requires, so that tool code cannot drop its own scope
     */
    public static Object install(Checker installed) {
        AgentOnly.check("installing the sandbox");
        Object issued = new Object();
        key = issued;
        checker = installed;
        return issued;
    }

    /** Makes {@code scope} the current thread's scope. @return what {@link #close} puts back */
    public static Object open(Object agentKey, Object scope) {
        Slot slot = owned(agentKey);
        Object previous = slot.scope;
        slot.scope = scope;
        LIVE.incrementAndGet();
        return previous;
    }

    /** Ends the scope {@link #open} opened, putting back the one before it. */
    public static void close(Object agentKey, Object previous) {
        Slot slot = owned(agentKey);
        slot.scope = previous;
        LIVE.decrementAndGet();
    }

    /** The current thread's scope, or null; for the agent only. */
    public static Object current(Object agentKey) {
        return owned(agentKey).scope;
    }

    private static Slot owned(Object agentKey) {
        if (agentKey == null || agentKey != key) {
            ToolgateBridge.countRefusedBridgeCall();
            throw new SecurityException("Toolgate refused a change of the sandbox scope: only the Toolgate agent"
                    + " opens and closes sandbox scopes");
        }
        return SLOT.get();
    }

    /** Agent code starts running on this thread: no sink is checked until {@link #resume}. */
    static Object suspend() {
        if (LIVE.get() == 0) {
            return null;
        }
        Slot slot = SLOT.get();
        slot.suspended++;
        return slot;
    }

    static void resume(Object suspended) {
        if (suspended != null) {
            ((Slot) suspended).suspended--;
        }
    }

    /** The slot of a thread running in a scope that is not suspended, or null (the fast path: one field read). */
    private static Slot checked() {
        if (LIVE.get() == 0) {
            return null;
        }
        Slot slot = SLOT.get();
        return slot.scope == null || slot.suspended != 0 ? null : slot;
    }

    // ---- sinks ----

    private static final int CONNECT = 0;
    private static final int LISTEN = 1;
    private static final int CONNECT_LOCAL = 2;
    private static final int EXEC = 3;
    private static final int FILE = 4;
    private static final int JVM = 5;
    private static final int THREAD = 6;

    /** Hands one operation of a thread in a scope to the agent's checks, with the scope suspended meanwhile. */
    private static void check(int kind, Object target, Object second, int number, String how) {
        Slot slot = checked();
        if (slot == null) {
            return;
        }
        slot.suspended++;
        try {
            Checker checks = checker;
            Object scope = slot.scope;
            switch (kind) {
                case CONNECT -> checks.connect(scope, (InetAddress) target, number, how);
                case LISTEN -> checks.listen(scope, (InetAddress) target, number, how);
                case CONNECT_LOCAL -> checks.connectLocal(scope, String.valueOf(target), how);
                case EXEC -> checks.exec(scope, (String[]) target, (String) second);
                case FILE ->
                    checks.file(scope, number, pathText(target), second == null ? null : pathText(second), how);
                case THREAD -> checks.threadCreated(scope, (String) target);
                default -> checks.jvm(scope, how, (String) target);
            }
        } finally {
            slot.suspended--;
        }
    }

    public static void connect(InetAddress address, int port, String how) {
        check(CONNECT, address, null, port, how);
    }

    public static void listen(InetAddress address, int port, String how) {
        check(LISTEN, address, null, port, how);
    }

    /** A bind: a server unless it asks for an ephemeral port (a datagram channel about to send binds so). */
    public static void bind(InetAddress address, int port, String how) {
        if (port != 0) {
            listen(address, port, how);
        }
    }

    public static void connectLocal(Object path, String how) {
        check(CONNECT_LOCAL, path, null, 0, how);
    }

    public static void exec(String[] command, String directory) {
        check(EXEC, command, directory, 0, "ProcessBuilder.start");
    }

    public static void file(int access, Object path, Object second, String how) {
        check(FILE, path, second, access, how);
    }

    /** An {@code open(2)} flag word: read, or write (and create) when it asks for write access or creation. */
    public static void open(int flags, Object path, String how) {
        if (LIVE.get() == 0) {
            return;
        }
        int access = (flags & 3) != 0 ? WRITE : READ;
        if ((flags & 0x40) != 0) {
            access |= CREATE;
        }
        if ((flags & 0x200) != 0) {
            access |= WRITE;
        }
        file(access, path, null, how);
    }

    /** {@code File.createTempFile}: a file created in {@code directory}, or the default temporary directory. */
    public static void tempFile(File directory, String prefix) {
        if (LIVE.get() == 0) {
            return;
        }
        String base = directory != null ? directory.getPath() : System.getProperty("java.io.tmpdir");
        file(CREATE | WRITE, base + File.separator + prefix, null, "File.createTempFile");
    }

    public static void jvm(String operation, String target) {
        check(JVM, target, null, 0, operation);
    }

    /** A native library load; the JDK's own (a boot or platform class loading it) are left alone. */
    public static void loadLibrary(Class<?> from, String name) {
        if (LIVE.get() == 0) {
            return;
        }
        ClassLoader loader = from == null ? null : from.getClassLoader();
        if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
            jvm("load native library", name);
        }
    }

    /** Reflection that would open {@code target}'s private members (setAccessible, private lookup, Unsafe). */
    public static void reflect(Class<?> target, String how) {
        if (LIVE.get() != 0 && target != null && isToolgate(target)) {
            jvm(how, target.getName());
        }
    }

    /**
     * Toolgate's own classes: the bridges and launcher on the boot path, and whatever the agent's class loader
     * defined. The application's classes in {@code dev.toolgate} packages (the API, its own code) are not.
     */
    private static boolean isToolgate(Class<?> type) {
        String name = type.getName();
        if (!name.startsWith("dev.toolgate.")) {
            return false;
        }
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader.getClass().getName().equals(AGENT_LOADER);
    }

    private static final String AGENT_LOADER = "dev.toolgate.launcher.AgentClassLoader";

    private static String pathText(Object path) {
        if (path instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(path);
    }

    // ---- propagation ----

    /**
     * Thread constructors: a thread created in a scope runs in it for its whole life. The scope's checks may refuse
     * it (too many threads for one call): the constructor then throws, and nobody gets the thread to start.
     */
    public static void threadCreated(Thread thread) {
        Slot slot = checked();
        // Constructors delegate to one another, so this runs more than once per thread: checked and counted once.
        if (slot != null && thread != Thread.currentThread() && !CREATED.containsKey(thread)) {
            check(THREAD, thread.getName(), null, 0, "new Thread");
            if (CREATED.put(thread, slot.scope) == null) {
                LIVE.incrementAndGet();
            }
        }
    }

    /** A pool's worker starts its loop: it runs in no scope but those of the tasks handed to it. */
    public static void workerStarting() {
        if (LIVE.get() != 0) {
            Slot slot = SLOT.get();
            if (slot.suspended == 0) {
                slot.scope = null;
            }
        }
    }

    /** Work submitted to an executor: it runs in the submitter's scope, wherever it runs. */
    public static Runnable wrap(Runnable task) {
        Slot slot = checked();
        if (slot == null || task == null || task instanceof ScopedRunnable) {
            return task;
        }
        return new ScopedRunnable(task, slot.scope);
    }

    public static <T> Callable<T> wrap(Callable<T> task) {
        Slot slot = checked();
        if (slot == null || task == null || task instanceof ScopedCallable) {
            return task;
        }
        return new ScopedCallable<>(task, slot.scope);
    }

    /** A fork/join task submitted or forked: it runs in the submitter's scope. */
    public static void taskSubmitted(Object task) {
        Slot slot = checked();
        if (slot != null && task != null) {
            TASKS.put(task, slot.scope);
        }
    }

    /**
     * A fork/join task starts on this thread: in the scope it was submitted in, if any. A task that carries none
     * leaves the thread's scope as it is, so that running a task inline never drops a scope.
     *
     * @return what {@link #taskEnded} puts back
     */
    public static Object taskStarting(Object task) {
        if (LIVE.get() == 0 || TASKS.isEmpty()) {
            return NOTHING;
        }
        Object scope = TASKS.remove(task);
        return scope == null ? NOTHING : enter(scope);
    }

    public static void taskEnded(Object restore) {
        if (restore != NOTHING) {
            leave(restore);
        }
    }

    private static final Object NOTHING = new Object();

    static Object enter(Object scope) {
        Slot slot = SLOT.get();
        Object previous = slot.scope;
        slot.scope = scope;
        LIVE.incrementAndGet();
        return previous;
    }

    static void leave(Object previous) {
        SLOT.get().scope = previous;
        LIVE.decrementAndGet();
    }

    /** A task wrapped at submission: runs in the scope it was submitted in. */
    static final class ScopedRunnable implements Runnable {
        private final Runnable task;
        private final Object scope;

        ScopedRunnable(Runnable task, Object scope) {
            this.task = task;
            this.scope = scope;
        }

        @Override
        public void run() {
            Object previous = enter(scope);
            try {
                task.run();
            } finally {
                leave(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    static final class ScopedCallable<T> implements Callable<T> {
        private final Callable<T> task;
        private final Object scope;

        ScopedCallable(Callable<T> task, Object scope) {
            this.task = task;
            this.scope = scope;
        }

        @Override
        public T call() throws Exception {
            Object previous = enter(scope);
            try {
                return task.call();
            } finally {
                leave(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
