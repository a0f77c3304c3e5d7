package dev.toolgate.e2e.apps.paths;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Reaches the same tools every way an application can, and prints one line per attempt:
 * {@code PATH <how> <tool> RAN|REFUSED <message>}.
 */
public final class InterceptionApp {

    private InterceptionApp() {}

    public static void main(String[] args) throws Exception {
        PathTools tools = new PathTools();
        for (Map.Entry<String, Function<String, Callable<String>>> way :
                ways(tools).entrySet()) {
            attempt(way.getKey(), "allowed_read", way.getValue().apply("allowed_read"));
            attempt(way.getKey(), "forbidden_delete", way.getValue().apply("forbidden_delete"));
        }
        attempt("static", "static_read", () -> PathTools.staticRead("/static"));
        GenericTool<String> generic = new BridgedTool();
        attempt("bridge", "bridged_read", () -> generic.call("/through-bridge"));
        attempt("meta-annotation", "wipe", () -> new MetaAnnotatedTools().wipe("/meta"));
        attempt("policy-selected", "legacy_purge", () -> new LegacyOps().purgeCache("eu"));
        attempt("not-a-tool", "legacy_status", () -> new LegacyOps().status());
        attempt("child-loader", "forbidden_delete", InterceptionApp::callThroughChildLoader);
        System.out.println("DONE");
    }

    private static Map<String, Function<String, Callable<String>>> ways(PathTools tools) {
        Map<String, Function<String, Callable<String>>> ways = new LinkedHashMap<>();
        ways.put("direct", tool -> () -> tool.equals("allowed_read") ? tools.read("/direct") : tools.delete("/direct"));
        ways.put("reflection", tool -> () -> {
            Method method = PathTools.class.getMethod(tool.equals("allowed_read") ? "read" : "delete", String.class);
            return (String) unwrap(() -> method.invoke(tools, "/reflection"));
        });
        ways.put("method-handle", tool -> () -> {
            MethodHandle handle = MethodHandles.lookup()
                    .findVirtual(
                            PathTools.class,
                            tool.equals("allowed_read") ? "read" : "delete",
                            MethodType.methodType(String.class, String.class));
            try {
                return (String) handle.invoke(tools, "/method-handle");
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
        ways.put("method-reference", tool -> () -> {
            Function<String, String> reference = tool.equals("allowed_read") ? tools::read : tools::delete;
            return reference.apply("/method-reference");
        });
        ways.put("other-thread", tool -> () -> onThread(false, tools, tool));
        if (Runtime.version().feature() >= 21) {
            ways.put("virtual-thread", tool -> () -> onThread(true, tools, tool));
        }
        return ways;
    }

    private static String onThread(boolean virtual, PathTools tools, String tool) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Runnable body = () -> {
            try {
                outcome.set(tool.equals("allowed_read") ? tools.read("/thread") : tools.delete("/thread"));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        };
        Thread thread = virtual
                ? (Thread) Thread.class
                        .getMethod("startVirtualThread", Runnable.class)
                        .invoke(null, body)
                : new Thread(body);
        if (!virtual) {
            thread.start();
        }
        thread.join();
        if (virtual && !(Boolean) Thread.class.getMethod("isVirtual").invoke(thread)) {
            throw new IllegalStateException("expected a virtual thread");
        }
        if (outcome.get() instanceof RuntimeException e) {
            throw e;
        }
        return (String) outcome.get();
    }

    @SuppressWarnings("unchecked")
    private static String callThroughChildLoader() throws Exception {
        URL classes = ChildLoaded.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader child = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = child.loadClass(ChildLoaded.class.getName());
            if (type == ChildLoaded.class) {
                throw new IllegalStateException("the child loader should define its own copy");
            }
            Function<String, String> tool =
                    (Function<String, String>) type.getConstructor().newInstance();
            return tool.apply("/child-loader");
        }
    }

    private static Object unwrap(Callable<Object> reflective) throws Exception {
        try {
            return reflective.call();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void attempt(String way, String tool, Callable<String> call) {
        try {
            String result = call.call();
            System.out.println("PATH " + way + " " + tool + " RAN " + result);
        } catch (SecurityException refused) {
            System.out.println("PATH " + way + " " + tool + " REFUSED " + refused.getMessage());
        } catch (Exception other) {
            System.out.println("PATH " + way + " " + tool + " FAILED " + other);
        }
    }
}
