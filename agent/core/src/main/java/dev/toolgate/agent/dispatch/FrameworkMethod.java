package dev.toolgate.agent.dispatch;

import dev.toolgate.agent.framework.FrameworkTypes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * A public, no-argument method of a framework type the agent has no compile-time view of, such as
 * {@code ToolCallback.getToolDefinition()}. It is looked up on the framework type that declares it, never on the
 * implementing class, which may be an inaccessible anonymous or inner class; the look-up is cached per class, as
 * a method handle: it runs on every dispatched call, and a handle skips the access check {@code Method.invoke}
 * makes each time.
 */
final class FrameworkMethod {

    private final String typeName;
    private final String name;
    private static final MethodType GENERIC = MethodType.methodType(Object.class, Object.class);

    private final ClassValue<MethodHandle> resolved = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            Class<?> declaring = supertype(type, typeName);
            if (declaring == null) {
                return null;
            }
            try {
                Method method = declaring.getMethod(name);
                return MethodHandles.publicLookup().unreflect(method).asType(GENERIC);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return null;
            }
        }
    };

    FrameworkMethod(String typeName, String name) {
        this.typeName = typeName;
        this.name = name;
    }

    /** Whether {@code target} is an instance of the framework type. */
    boolean appliesTo(Object target) {
        return target != null && resolved.get(target.getClass()) != null;
    }

    /** Calls the method on {@code target}. */
    Object call(Object target) throws ReflectiveOperationException {
        MethodHandle method = target == null ? null : resolved.get(target.getClass());
        if (method == null) {
            throw new NoSuchMethodException(
                    (target == null ? "null" : target.getClass().getName()) + " is not a " + typeName + " with " + name
                            + "()");
        }
        try {
            return (Object) method.invokeExact(target);
        } catch (Throwable e) {
            throw new ReflectiveOperationException(typeName + "." + name + "() threw " + e, e);
        }
    }

    /** The class or interface named {@code name} among {@code type} and its supertypes, or null. */
    static Class<?> supertype(Class<?> type, String name) {
        return FrameworkTypes.supertype(type, name);
    }

    @Override
    public String toString() {
        return typeName + "." + name + "()";
    }
}
