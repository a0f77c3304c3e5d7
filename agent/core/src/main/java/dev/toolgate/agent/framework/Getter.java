package dev.toolgate.agent.framework;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A public no-argument method of framework objects, called by name: the agent has no compile dependency on any
 * framework and cannot even see their classes by name, only the objects handed to it. The method is looked up
 * once per runtime class, on a public type that declares it, so it can be called whatever the object's own
 * class's visibility.
 */
final class Getter extends ClassValue<Method> {

    private final String name;

    Getter(String name) {
        this.name = name;
    }

    /** The method's result, or null when {@code target} is null or has no such method. */
    Object from(Object target) {
        if (target == null) {
            return null;
        }
        Method method = get(target.getClass());
        if (method == null) {
            return null;
        }
        try {
            return method.invoke(target);
        } catch (IllegalAccessException e) {
            return null;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    protected Method computeValue(Class<?> type) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> candidate = todo.poll();
            if (Modifier.isPublic(candidate.getModifiers())) {
                try {
                    Method method = candidate.getMethod(name);
                    if (Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                        return method;
                    }
                } catch (NoSuchMethodException absent) {
                    // not on this type; its supertypes are looked at next
                }
            }
            if (candidate.getSuperclass() != null) {
                todo.add(candidate.getSuperclass());
            }
            todo.addAll(java.util.List.of(candidate.getInterfaces()));
        }
        return null;
    }
}
