package dev.toolgate.agent.provenance;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of a call's arguments that provenance checks: every string and number, with its path, inside maps,
 * collections and arrays, iteratively and within bounds. Past the bounds the call is reported as unreadable and
 * treated as carrying untrusted data. Of the parameters a tool accepts untrusted text in, the links and e-mail
 * addresses inside that text are still checked: they send whoever reads it somewhere, as a recipient would.
 */
final class ArgumentLeaves {

    static final int MAX_LEAVES = 10_000;
    static final int MAX_CHARS = 256 * 1024;
    static final int MAX_DEPTH = 64;

    /** A link ({@code https://…}, {@code www.…}) or an e-mail address inside free text. */
    private static final Pattern ADDRESS =
            Pattern.compile("(?i)\\b(?:[a-z][a-z0-9+.-]{1,15}://[^\\s<>\"'`)\\]]+|www\\.[^\\s<>\"'`)\\]]+"
                    + "|[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63})+)");

    private ArgumentLeaves() {}

    /** @return null when collected, else what made the arguments too big to check */
    static String collect(List<String> names, Object[] values, Set<String> skipped, List<Leaf> out) {
        if (values == null) {
            return null;
        }
        /** {@code addressesOnly}: inside a parameter that accepts untrusted text, where only addresses count. */
        record Item(Object value, String path, int depth, boolean addressesOnly) {}
        Deque<Item> pending = new ArrayDeque<>();
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        long chars = 0;
        for (int i = values.length - 1; i >= 0; i--) {
            String name = i < names.size() ? names.get(i) : "arg" + i;
            pending.push(new Item(values[i], name, 0, skipped.contains(name)));
        }
        while (!pending.isEmpty()) {
            Item item = pending.pop();
            Object value = item.value();
            if (value == null || value instanceof Boolean) {
                continue;
            }
            if (value instanceof CharSequence
                    || value instanceof Number
                    || value instanceof Character
                    || value instanceof Enum<?>) {
                String text = value instanceof Enum<?> e ? e.name() : value.toString();
                chars += text.length();
                if (out.size() >= MAX_LEAVES || chars > MAX_CHARS) {
                    return "its arguments hold more than " + MAX_LEAVES + " values or " + MAX_CHARS
                            + " characters, more than provenance checks";
                }
                if (!item.addressesOnly()) {
                    out.add(new Leaf(item.path(), text));
                } else if (!addresses(text, item.path(), out)) {
                    return "its arguments hold more than " + MAX_LEAVES + " values, more than provenance checks";
                }
                continue;
            }
            if (value instanceof Optional<?> optional) {
                pending.push(new Item(optional.orElse(null), item.path(), item.depth(), item.addressesOnly()));
                continue;
            }
            boolean container = value instanceof Map<?, ?>
                    || value instanceof Collection<?>
                    || value.getClass().isArray();
            if (!container || seen.put(value, Boolean.TRUE) != null) {
                continue;
            }
            if (item.depth() >= MAX_DEPTH) {
                return "its arguments are nested more than " + MAX_DEPTH + " levels deep";
            }
            try {
                if (value instanceof Map<?, ?> map) {
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        String key = String.valueOf(entry.getKey());
                        pending.push(new Item(
                                entry.getKey(),
                                item.path() + "." + key + "(key)",
                                item.depth() + 1,
                                item.addressesOnly()));
                        pending.push(new Item(
                                entry.getValue(), item.path() + "." + key, item.depth() + 1, item.addressesOnly()));
                    }
                } else if (value instanceof Collection<?> collection) {
                    int i = 0;
                    for (Object element : collection) {
                        pending.push(new Item(
                                element, item.path() + "[" + i++ + "]", item.depth() + 1, item.addressesOnly()));
                    }
                } else if (value instanceof char[] text) {
                    pending.push(new Item(new String(text), item.path(), item.depth(), item.addressesOnly()));
                } else if (!value.getClass().getComponentType().isPrimitive()
                        || value.getClass().getComponentType() != byte.class) {
                    int length = Array.getLength(value);
                    for (int i = 0; i < length; i++) {
                        pending.push(new Item(
                                Array.get(value, i),
                                item.path() + "[" + i + "]",
                                item.depth() + 1,
                                item.addressesOnly()));
                    }
                }
            } catch (RuntimeException concurrentlyModified) {
                return "its arguments could not be read ("
                        + concurrentlyModified.getClass().getSimpleName() + ")";
            }
            if (pending.size() > 4 * MAX_LEAVES) {
                return "its arguments hold more than " + MAX_LEAVES + " values, more than provenance checks";
            }
        }
        return null;
    }

    /** Adds the links and e-mail addresses in {@code text} as leaves; false past {@link #MAX_LEAVES}. */
    private static boolean addresses(String text, String path, List<Leaf> out) {
        Matcher address = ADDRESS.matcher(text);
        while (address.find()) {
            if (out.size() >= MAX_LEAVES) {
                return false;
            }
            String found = address.group();
            // A sentence's full stop or comma after a link is not part of it.
            int end = found.length();
            while (end > 0 && ".,;:!?".indexOf(found.charAt(end - 1)) >= 0) {
                end--;
            }
            out.add(new Leaf(path + " (a link or address in it)", found.substring(0, end)));
        }
        return true;
    }
}
