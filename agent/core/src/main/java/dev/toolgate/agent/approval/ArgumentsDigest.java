package dev.toolgate.agent.approval;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * SHA-256 of a tool name and the full values of its arguments, so that an approval binds to exactly the call a
 * person saw. Unlike the audit rendering nothing is truncated; depth and cycles are bounded so hostile values
 * still hash in bounded time.
 */
final class ArgumentsDigest {

    private static final int MAX_DEPTH = 64;

    private ArgumentsDigest() {}

    /** @param names the arguments' names: a dispatched call names its own, so they are part of what is approved */
    static String of(String tool, java.util.List<String> names, Object[] arguments) {
        MessageDigest digest = sha256();
        update(digest, "tool:" + tool);
        IdentityHashMap<Object, Boolean> path = new IdentityHashMap<>();
        feed(digest, names, 0, path);
        if (arguments != null) {
            for (Object argument : arguments) {
                feed(digest, argument, 0, path);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void feed(MessageDigest digest, Object value, int depth, IdentityHashMap<Object, Boolean> path) {
        if (value == null) {
            update(digest, "null");
        } else if (value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum<?>) {
            update(digest, value.getClass().getName() + ":" + value);
        } else if (depth >= MAX_DEPTH || path.put(value, Boolean.TRUE) != null) {
            update(digest, "[bounded:" + value.getClass().getName() + "]");
        } else {
            try {
                feedContainer(digest, value, depth, path);
            } finally {
                path.remove(value);
            }
        }
    }

    private static void feedContainer(
            MessageDigest digest, Object value, int depth, IdentityHashMap<Object, Boolean> path) {
        if (value instanceof Map<?, ?> map) {
            update(digest, "map:" + map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                feed(digest, entry.getKey(), depth + 1, path);
                feed(digest, entry.getValue(), depth + 1, path);
            }
        } else if (value instanceof Collection<?> collection) {
            update(digest, "list:" + collection.size());
            for (Object element : collection) {
                feed(digest, element, depth + 1, path);
            }
        } else if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            update(digest, "array:" + length);
            for (int i = 0; i < length; i++) {
                feed(digest, Array.get(value, i), depth + 1, path);
            }
        } else {
            String text;
            try {
                text = String.valueOf(value);
            } catch (RuntimeException e) {
                text = "[toString threw " + e.getClass().getName() + "]";
            }
            update(digest, value.getClass().getName() + ":" + text);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
