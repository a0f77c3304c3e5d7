package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.json.CanonicalJsonWriter;
import dev.toolgate.agent.audit.json.KeyOrder;
import dev.toolgate.agent.screening.AuditRedaction;
import java.lang.reflect.Array;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes any application value as bounded, canonical JSON: deep, huge, cyclic or hostile values (a
 * {@code toString} that throws or returns null, invalid UTF-16, 16 MB strings) still give one valid, reasonably
 * small JSON value. A string cut to size keeps the SHA-256 of its full text, so the original can still be
 * matched. Numbers other than integers within ±2^53 are written as strings, so every JSON tool reads them alike.
 * Not thread-safe: one per writer thread.
 */
public final class ValueRenderer {

    static final int MAX_DEPTH = 16;
    static final int MAX_STRING_CHARS = 8 * 1024;
    static final int MAX_ELEMENTS = 100;
    /** Integers beyond this lose precision in JavaScript and jq: written as strings instead. */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    static final String MORE_KEY = "…";

    private static final int REPEATED_SLOTS = 256;

    private final IdentityHashMap<Object, Boolean> inProgress = new IdentityHashMap<>();
    private final String[] repeatedKeys = new String[REPEATED_SLOTS];
    private final byte[][] repeatedValues = new byte[REPEATED_SLOTS][];
    private final MessageDigest sha256;

    public ValueRenderer() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The value as bounded JSON text, the way the audit log renders it; for other outputs such as approvals. */
    public String toJson(Object value) {
        CanonicalJsonWriter json = new CanonicalJsonWriter(256);
        write(json, value);
        return new String(json.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public void write(CanonicalJsonWriter json, Object value) {
        if (!inProgress.isEmpty()) {
            inProgress.clear();
        }
        write(json, value, 0);
    }

    /**
     * A string that is usually the same object from event to event (a role, a rule, a reason): its encoded form is
     * kept in a small cache keyed by identity, so repeating it costs a copy.
     */
    void writeRepeatedText(CanonicalJsonWriter json, String text) {
        if (text == null || text.length() > 512) {
            writeText(json, text);
            return;
        }
        int slot = System.identityHashCode(text) & (REPEATED_SLOTS - 1);
        if (repeatedKeys[slot] != text) {
            repeatedKeys[slot] = text;
            repeatedValues[slot] = CanonicalJsonWriter.encode(text);
        }
        json.encoded(repeatedValues[slot]);
    }

    /** A string value, cut to {@link #MAX_STRING_CHARS} with a marker that carries the full text's hash. */
    void writeText(CanonicalJsonWriter json, String raw) {
        String text = raw == null ? null : AuditRedaction.redact(raw); // the audit log must not become the leak
        if (text == null) {
            json.nullValue();
        } else if (text.length() <= MAX_STRING_CHARS) {
            json.string(text);
        } else {
            int keep = MAX_STRING_CHARS;
            if (Character.isHighSurrogate(text.charAt(keep - 1)) && Character.isLowSurrogate(text.charAt(keep))) {
                keep--; // never split a character in two
            }
            sha256.reset();
            CanonicalJsonWriter.digestUtf8(sha256, text);
            json.string(
                    text,
                    keep,
                    "…[truncated: " + (text.length() - keep) + " more chars; sha256 of the full" + " value: "
                            + HexFormat.of().formatHex(sha256.digest()) + "]");
        }
    }

    private void write(CanonicalJsonWriter json, Object value, int depth) {
        if (value == null) {
            json.nullValue();
        } else if (value instanceof String text) {
            writeText(json, text);
        } else if (value instanceof Boolean bool) {
            json.bool(bool);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (Math.abs(number) <= MAX_SAFE_INTEGER) {
                json.number(number);
            } else {
                json.string(Long.toString(number));
            }
        } else if (value instanceof Character || value instanceof Number) {
            writeText(json, safeToString(value));
        } else if (value instanceof Enum<?> constant) {
            json.string(constant.name());
        } else if (value instanceof Throwable thrown) {
            writeText(json, thrown.getClass().getName() + ": " + safeMessage(thrown));
        } else if (value instanceof Optional<?> optional) {
            write(json, optional.orElse(null), depth);
        } else if (depth >= MAX_DEPTH) {
            json.string("[too deep: nesting over " + MAX_DEPTH + " levels]");
        } else if (inProgress.put(value, Boolean.TRUE) != null) {
            json.string("[cycle: " + value.getClass().getName() + "]");
        } else {
            try {
                writeContainer(json, value, depth);
            } finally {
                inProgress.remove(value);
            }
        }
    }

    private void writeContainer(CanonicalJsonWriter json, Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            writeMap(json, map, depth);
        } else if (value instanceof Collection<?> collection) {
            json.beginArray();
            int count = 0;
            try {
                for (Object element : collection) {
                    if (count++ == MAX_ELEMENTS) {
                        json.string("[" + (safeSize(collection) - MAX_ELEMENTS) + " more elements]");
                        break;
                    }
                    write(json, element, depth + 1);
                }
            } catch (RuntimeException | LinkageError | StackOverflowError unreadable) {
                json.string("[unreadable: " + unreadable.getClass().getName() + "]");
            }
            json.endArray();
        } else if (value.getClass().isArray()) {
            json.beginArray();
            int length = Array.getLength(value);
            for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
                write(json, Array.get(value, i), depth + 1);
            }
            if (length > MAX_ELEMENTS) {
                json.string("[" + (length - MAX_ELEMENTS) + " more elements]");
            }
            json.endArray();
        } else {
            writeText(json, safeToString(value));
        }
    }

    /**
     * Members sorted by key, as the canonical form requires; keys that print alike (1 and "1", or two strings
     * with different unpaired surrogates) are made unique, because a JSON object with a repeated key is read
     * differently by different tools.
     */
    private void writeMap(CanonicalJsonWriter json, Map<?, ?> map, int depth) {
        List<Map.Entry<String, Object>> members = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        try {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (members.size() == MAX_ELEMENTS) {
                    members.add(
                            Map.entry(unique(keys, MORE_KEY), "[" + (safeSize(map) - MAX_ELEMENTS) + " more entries]"));
                    break;
                }
                String key = ValueRenderer.clean(safeToString(entry.getKey()), 256);
                members.add(new java.util.AbstractMap.SimpleImmutableEntry<>(unique(keys, key), entry.getValue()));
            }
        } catch (RuntimeException | LinkageError | StackOverflowError unreadable) {
            members.add(Map.entry(
                    unique(keys, MORE_KEY),
                    "[unreadable: " + unreadable.getClass().getName() + "]"));
        }
        members.sort(Map.Entry.comparingByKey(KeyOrder.CODE_POINTS));
        json.beginObject();
        for (Map.Entry<String, Object> member : members) {
            json.name(member.getKey());
            write(json, member.getValue(), depth + 1);
        }
        json.endObject();
    }

    private static String unique(Set<String> taken, String key) {
        String candidate = key;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = key + " #" + n;
        }
        return candidate;
    }

    /**
     * A string as the audit line holds it (secrets redacted, unpaired surrogates replaced, cut to the line's
     * limit), for views of an event shipped beside the line, which must not say more than the line does.
     */
    public static String exported(String raw) {
        return raw == null ? null : clean(AuditRedaction.redact(raw), MAX_STRING_CHARS);
    }

    /**
     * The text cut to {@code limit} characters with a marker saying how much was cut, and with unpaired
     * surrogates replaced by U+FFFD so that it compares and prints as it will be written.
     */
    static String clean(String text, int limit) {
        boolean truncated = text.length() > limit;
        String head = truncated ? text.substring(0, limit) : text;
        StringBuilder out = null;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < head.length() && Character.isLowSurrogate(head.charAt(i + 1))
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

    private static int safeSize(Object container) {
        try {
            return container instanceof Map<?, ?> map ? map.size() : ((Collection<?>) container).size();
        } catch (RuntimeException e) {
            return MAX_ELEMENTS;
        }
    }

    static String safeToString(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            String text = value.toString();
            return text != null ? text : "[" + value.getClass().getName() + ".toString() returned null]";
        } catch (Throwable e) {
            // Application code: whatever it throws is described, never propagated into the writer.
            return "[" + value.getClass().getName() + ".toString() threw "
                    + e.getClass().getName() + "]";
        }
    }

    private static String safeMessage(Throwable thrown) {
        try {
            return String.valueOf(thrown.getMessage());
        } catch (Throwable e) {
            return "[getMessage() threw " + e.getClass().getName() + "]";
        }
    }
}
