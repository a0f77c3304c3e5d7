package dev.toolgate.agent.validation.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a call's arguments into the JSON object a tool schema describes, {@code {"param": value, …}}, within
 * fixed bounds: nesting depth, number of nodes. Application objects other than strings, numbers, booleans, enums,
 * collections, maps and arrays are not introspected (no application code runs here): they become their class name.
 */
public final class JsonArguments {

    public static final int MAX_DEPTH = 64;
    public static final int MAX_NODES = 100_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The arguments do not fit the bounds; the message says which one and where. */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private final IdentityHashMap<Object, Boolean> inProgress = new IdentityHashMap<>();
    private int nodes;

    private JsonArguments() {}

    public static ObjectNode toJson(List<String> names, Object[] arguments) throws TooLarge {
        JsonArguments converter = new JsonArguments();
        ObjectNode object = NODES.objectNode();
        for (int i = 0; arguments != null && i < arguments.length; i++) {
            String name = i < names.size() ? names.get(i) : "arg" + i;
            object.set(name, converter.convert(arguments[i], 1, "/" + name));
        }
        return object;
    }

    private JsonNode convert(Object value, int depth, String pointer) throws TooLarge {
        if (++nodes > MAX_NODES) {
            throw new TooLarge("the arguments hold more than " + MAX_NODES + " values (at " + pointer + ")");
        }
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(Double.toString(number));
        }
        if (value instanceof Character || value instanceof Enum<?>) {
            return NODES.textNode(value instanceof Enum<?> e ? e.name() : value.toString());
        }
        if (value instanceof Optional<?> optional) {
            return convert(optional.orElse(null), depth, pointer);
        }
        if (!(value instanceof Map<?, ?>
                || value instanceof Collection<?>
                || value.getClass().isArray())) {
            return NODES.textNode("[" + value.getClass().getName() + "]");
        }
        if (depth >= MAX_DEPTH) {
            throw new TooLarge("the value at " + pointer + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (inProgress.put(value, Boolean.TRUE) != null) {
            throw new TooLarge("the value at " + pointer + " contains itself");
        }
        try {
            if (value instanceof Map<?, ?> map) {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(
                            entry.getKey() instanceof CharSequence
                                            || entry.getKey() instanceof Number
                                            || entry.getKey() instanceof Enum<?>
                                    ? entry.getKey()
                                    : "["
                                            + (entry.getKey() == null
                                                    ? "null"
                                                    : entry.getKey().getClass().getName()) + "]");
                    object.set(key, convert(entry.getValue(), depth + 1, pointer + "/" + key));
                }
                return object;
            }
            ArrayNode array = NODES.arrayNode();
            if (value instanceof Collection<?> collection) {
                int i = 0;
                for (Object element : collection) {
                    array.add(convert(element, depth + 1, pointer + "/" + i++));
                }
            } else {
                int length = Array.getLength(value);
                for (int i = 0; i < length; i++) {
                    array.add(convert(Array.get(value, i), depth + 1, pointer + "/" + i));
                }
            }
            return array;
        } catch (RuntimeException concurrentlyModified) {
            throw new TooLarge("the value at " + pointer + " could not be read (" + concurrentlyModified + ")");
        } finally {
            inProgress.remove(value);
        }
    }
}
