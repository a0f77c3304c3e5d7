package dev.toolgate.agent.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes any application value as bounded JSON: deep, huge, cyclic or hostile values (a {@code toString} that
 * throws, invalid UTF-16) still give one valid, reasonably small JSON value.
 */
public final class ValueRenderer {

    static final int MAX_DEPTH = 16;
    static final int MAX_STRING_CHARS = 8 * 1024;
    static final int MAX_ELEMENTS = 100;

    private final IdentityHashMap<Object, Boolean> inProgress = new IdentityHashMap<>();

    public void write(JsonGenerator json, Object value) throws IOException {
        inProgress.clear();
        write(json, value, 0);
    }

    private void write(JsonGenerator json, Object value, int depth) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            writeText(json, text);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                json.writeNumber(number);
            } else {
                json.writeString(Double.toString(number));
            }
        } else if (value instanceof Character || value instanceof Enum<?> || value instanceof Number) {
            writeText(json, value.toString());
        } else if (value instanceof Throwable thrown) {
            writeText(json, thrown.getClass().getName() + ": " + safeMessage(thrown));
        } else if (value instanceof Optional<?> optional) {
            write(json, optional.orElse(null), depth);
        } else if (depth >= MAX_DEPTH) {
            json.writeString("[too deep: nesting over " + MAX_DEPTH + " levels]");
        } else if (inProgress.put(value, Boolean.TRUE) != null) {
            json.writeString("[cycle: " + value.getClass().getName() + "]");
        } else {
            try {
                writeContainer(json, value, depth);
            } finally {
                inProgress.remove(value);
            }
        }
    }

    private void writeContainer(JsonGenerator json, Object value, int depth) throws IOException {
        if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            int count = 0;
            try {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (count++ == MAX_ELEMENTS) {
                        json.writeStringField("…", "[" + (map.size() - MAX_ELEMENTS) + " more entries]");
                        break;
                    }
                    json.writeFieldName(clean(String.valueOf(entry.getKey()), MAX_STRING_CHARS));
                    write(json, entry.getValue(), depth + 1);
                }
            } catch (RuntimeException concurrentlyModified) {
                json.writeStringField("…", "[unreadable: " + concurrentlyModified + "]");
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            json.writeStartArray();
            int count = 0;
            try {
                for (Object element : collection) {
                    if (count++ == MAX_ELEMENTS) {
                        json.writeString("[" + (collection.size() - MAX_ELEMENTS) + " more elements]");
                        break;
                    }
                    write(json, element, depth + 1);
                }
            } catch (RuntimeException concurrentlyModified) {
                json.writeString("[unreadable: " + concurrentlyModified + "]");
            }
            json.writeEndArray();
        } else if (value.getClass().isArray()) {
            json.writeStartArray();
            int length = Array.getLength(value);
            for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
                write(json, Array.get(value, i), depth + 1);
            }
            if (length > MAX_ELEMENTS) {
                json.writeString("[" + (length - MAX_ELEMENTS) + " more elements]");
            }
            json.writeEndArray();
        } else {
            writeText(json, safeToString(value));
        }
    }

    private static void writeText(JsonGenerator json, String text) throws IOException {
        json.writeString(clean(text, MAX_STRING_CHARS));
    }

    /**
     * The text cut to {@code limit} characters with a marker saying how much was cut, and with unpaired
     * surrogates replaced by U+FFFD so that the line stays valid UTF-8.
     */
    static String clean(String text, int limit) {
        boolean truncated = text.length() > limit;
        String head = truncated ? text.substring(0, limit) : text;
        StringBuilder out = null;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < head.length()
                    && Character.isLowSurrogate(head.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(head.charAt(i - 1)));
            if (!paired) {
                if (out == null) {
                    out = new StringBuilder(head.length()).append(head, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        String cleaned = out == null ? head : out.toString();
        return truncated ? cleaned + "…[truncated: " + (text.length() - limit) + " more chars]" : cleaned;
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException | StackOverflowError e) {
            return "[" + value.getClass().getName() + ".toString() threw " + e.getClass().getName() + "]";
        }
    }

    private static String safeMessage(Throwable thrown) {
        try {
            return String.valueOf(thrown.getMessage());
        } catch (RuntimeException e) {
            return "[getMessage() threw " + e.getClass().getName() + "]";
        }
    }
}
