package dev.toolgate.agent.gate;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copies of a call's mutable arguments, so that what the tool body receives is what the gate checked: another
 * thread (or the tool's caller, while a person is asked) could otherwise change a {@code StringBuilder}, list,
 * map or array between the check and the body. Copied: {@code StringBuilder}, {@code StringBuffer}, arrays and
 * the JDK's general-purpose collections and maps (as the same class; unmodifiable views and immutable collections
 * as copies of their contents), element by element, to a bounded depth and size; a copy is always of a type the
 * parameter accepts. Immutable values pass as they
 * are. Other mutable classes (application objects with setters) cannot be copied without running their code and
 * are passed as they are: the README says so.
 */
final class ArgumentCopies {

    private static final int MAX_DEPTH = 16;
    private static final int MAX_ELEMENTS = 100_000;

    private int elements;

    private ArgumentCopies() {}

    /** Copies of the arguments where any needs one, else null (the arguments can be used as they are). */
    static Object[] of(Object[] arguments) {
        if (arguments == null) {
            return null;
        }
        int first = -1;
        for (int i = 0; i < arguments.length; i++) {
            if (!isImmutable(arguments[i])) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return null;
        }
        ArgumentCopies copier = new ArgumentCopies();
        Object[] copies = arguments.clone();
        for (int i = first; i < copies.length; i++) {
            copies[i] = copier.copy(copies[i], 0);
        }
        return copies;
    }

    static boolean isImmutable(Object value) {
        return value == null
                || value instanceof String
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Boolean
                || value instanceof Double
                || value instanceof Float
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Character
                || value instanceof Enum<?>
                || value instanceof BigInteger
                || value instanceof BigDecimal
                || value instanceof java.time.temporal.TemporalAccessor
                        && value.getClass().getName().startsWith("java.time.")
                || value instanceof java.util.UUID
                || value instanceof Class<?>;
    }

    private Object copy(Object value, int depth) {
        if (isImmutable(value) || depth >= MAX_DEPTH || elements > MAX_ELEMENTS) {
            return value;
        }
        if (value instanceof StringBuilder builder) {
            return new StringBuilder(builder);
        }
        if (value instanceof StringBuffer buffer) {
            return new StringBuffer(buffer);
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return copyArray(value, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, depth);
        }
        if (value instanceof Collection<?> collection) {
            return copyCollection(collection, depth);
        }
        return value;
    }

    private Object copyArray(Object array, int depth) {
        int length = Array.getLength(array);
        elements += length;
        Class<?> component = array.getClass().getComponentType();
        if (component.isPrimitive()) {
            Object copy = Array.newInstance(component, length);
            System.arraycopy(array, 0, copy, 0, length);
            return copy;
        }
        Object[] copy = ((Object[]) array).clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = copy(copy[i], depth + 1);
        }
        return copy;
    }

    private Object copyMap(Map<?, ?> map, int depth) {
        elements += map.size();
        Map<Object, Object> copy;
        Class<?> type = map.getClass();
        if (type == HashMap.class) {
            copy = new HashMap<>();
        } else if (type == LinkedHashMap.class) {
            copy = new LinkedHashMap<>();
        } else if (type == TreeMap.class) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> sorted = new TreeMap<>(((TreeMap<Object, Object>) map).comparator());
            copy = sorted;
        } else if (isJdkCollection(type)) {
            Map<Object, Object> contents = new LinkedHashMap<>();
            fill(contents, map, depth);
            return Collections.unmodifiableMap(contents);
        } else {
            return map;
        }
        fill(copy, map, depth);
        return copy;
    }

    private void fill(Map<Object, Object> copy, Map<?, ?> map, int depth) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            copy.put(entry.getKey(), copy(entry.getValue(), depth + 1));
        }
    }

    private Object copyCollection(Collection<?> collection, int depth) {
        elements += collection.size();
        Class<?> type = collection.getClass();
        Collection<Object> copy;
        if (type == ArrayList.class) {
            copy = new ArrayList<>(collection.size());
        } else if (type == LinkedList.class) {
            copy = new LinkedList<>();
        } else if (type == ArrayDeque.class) {
            copy = new ArrayDeque<>(collection.size());
        } else if (type == HashSet.class) {
            copy = new HashSet<>();
        } else if (type == LinkedHashSet.class) {
            copy = new LinkedHashSet<>();
        } else if (type == TreeSet.class) {
            @SuppressWarnings("unchecked")
            Collection<Object> sorted = new TreeSet<>(((TreeSet<Object>) collection).comparator());
            copy = sorted;
        } else if (isJdkCollection(type)) {
            if (collection instanceof Set<?>) {
                Set<Object> contents = new LinkedHashSet<>();
                collection.forEach(element -> contents.add(copy(element, depth + 1)));
                return Collections.unmodifiableSet(contents);
            }
            List<Object> contents = new ArrayList<>(collection.size());
            collection.forEach(element -> contents.add(copy(element, depth + 1)));
            return Collections.unmodifiableList(contents);
        } else {
            return collection;
        }
        for (Object element : collection) {
            copy.add(copy(element, depth + 1));
        }
        return copy;
    }

    /**
     * The JDK's own views and immutable collections ({@code List.of}, {@code Collections.unmodifiableList},
     * {@code Arrays.asList}, …). Their classes are not public, so no parameter can be declared as one: a copy of
     * their contents behind the same interface fits wherever they did. Public JDK classes without a copy here
     * ({@code ConcurrentHashMap}, {@code Vector}, …) are passed as they are.
     */
    private static boolean isJdkCollection(Class<?> type) {
        return type.getClassLoader() == null
                && type.getName().startsWith("java.util.")
                && !java.lang.reflect.Modifier.isPublic(type.getModifiers());
    }
}
