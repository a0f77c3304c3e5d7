package dev.toolgate.e2e.apps.bypass;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The agent's bridge classes as code running inside a tool sees them: public classes on the boot class path,
 * reached by name as a script would reach them (the application has no compile-time view of them).
 */
final class Bridges {

    static final String PACKAGE = "dev.toolgate.bootstrap.";

    private Bridges() {}

    static Class<?> type(String simpleName) {
        try {
            return Class.forName(PACKAGE + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no " + simpleName + ": is the agent attached?", e);
        }
    }

    /** Calls a public static method of a bridge class; what it throws is thrown as it is. */
    static Object call(String simpleName, String method, Class<?>[] parameterTypes, Object... arguments) {
        try {
            Method target = type(simpleName).getMethod(method, parameterTypes);
            return target.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An implementation of a bridge interface that lets everything through and names {@code role} as caller. */
    static Object permissive(String interfaceName, String role) {
        Class<?> type = type(interfaceName);
        return Proxy.newProxyInstance(
                Bridges.class.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "exit" -> arguments[2];
                    case "result" -> arguments[1];
                    case "interpret" -> callerContext(role);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> "permissive " + interfaceName;
                    default -> null;
                });
    }

    static Object callerContext(String role) {
        try {
            return type("CallerContext")
                    .getConstructor(String.class, String.class, String.class)
                    .newInstance(null, role, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
