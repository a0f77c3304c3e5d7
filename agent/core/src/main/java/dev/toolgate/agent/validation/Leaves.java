package dev.toolgate.agent.validation;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the strings inside an argument (map values and keys, collection and array elements), iteratively and
 * within bounds: nesting deeper than {@link #MAX_DEPTH}, more than a given number of strings, or a structure that
 * cannot be read is reported, never skipped.
 */
final class Leaves {

    static final int MAX_DEPTH = 64;

    private Leaves() {}

    /** @return null when collected, else what made the argument unreadable */
    static String collect(Object argument, String parameter, List<ArgumentValidationStage.Leaf> out, int maxStrings) {
        if (argument == null || argument instanceof Number || argument instanceof Boolean) {
            return null;
        }
        if (argument instanceof String string) {
            // Most arguments are one string: no walk to set up.
            if (out.size() >= maxStrings) {
                return "holds more than " + maxStrings + " strings";
            }
            out.add(new ArgumentValidationStage.Leaf(parameter, parameter, string));
            return null;
        }
        return walk(argument, parameter, out, maxStrings);
    }

    private static String walk(
            Object argument, String parameter, List<ArgumentValidationStage.Leaf> out, int maxStrings) {
        record Item(Object value, String path, int depth) {}
        Deque<Item> pending = new ArrayDeque<>();
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        pending.push(new Item(argument, parameter, 0));
        int visited = 0;
        while (!pending.isEmpty()) {
            Item item = pending.pop();
            Object value = item.value();
            if (++visited > 100_000) {
                return "holds more than 100000 values";
            }
            if (value == null || value instanceof Number || value instanceof Boolean) {
                continue;
            }
            if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
                if (out.size() >= maxStrings) {
                    return "holds more than " + maxStrings + " strings";
                }
                out.add(new ArgumentValidationStage.Leaf(
                        parameter, item.path(), value instanceof Enum<?> e ? e.name() : value.toString()));
                continue;
            }
            if (value instanceof Optional<?> optional) {
                pending.push(new Item(optional.orElse(null), item.path(), item.depth()));
                continue;
            }
            boolean container = value instanceof Map<?, ?>
                    || value instanceof Collection<?>
                    || value.getClass().isArray();
            if (!container) {
                continue;
            }
            if (item.depth() >= MAX_DEPTH) {
                return "nested more than " + MAX_DEPTH + " levels deep (at " + item.path() + ")";
            }
            if (seen.put(value, Boolean.TRUE) != null) {
                continue;
            }
            try {
                if (value instanceof Map<?, ?> map) {
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        String key = String.valueOf(entry.getKey() instanceof CharSequence ? entry.getKey() : "*");
                        if (entry.getKey() instanceof CharSequence) {
                            pending.push(new Item(
                                    entry.getKey().toString(), item.path() + "/" + key + "#key", item.depth() + 1));
                        }
                        pending.push(new Item(entry.getValue(), item.path() + "/" + key, item.depth() + 1));
                    }
                } else if (value instanceof Collection<?> collection) {
                    int i = 0;
                    for (Object element : collection) {
                        pending.push(new Item(element, item.path() + "/" + i++, item.depth() + 1));
                    }
                } else if (!value.getClass().getComponentType().isPrimitive()) {
                    int length = Array.getLength(value);
                    for (int i = 0; i < length; i++) {
                        pending.push(new Item(Array.get(value, i), item.path() + "/" + i, item.depth() + 1));
                    }
                } else if (value instanceof char[] chars) {
                    out.add(new ArgumentValidationStage.Leaf(parameter, item.path(), new String(chars)));
                }
            } catch (RuntimeException concurrentlyModified) {
                return "could not be read (" + concurrentlyModified.getClass().getSimpleName() + ")";
            }
            if (pending.size() > 200_000) {
                return "holds too many values to check";
            }
        }
        return null;
    }
}
