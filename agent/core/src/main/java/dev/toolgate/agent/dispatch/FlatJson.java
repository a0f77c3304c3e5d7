package dev.toolgate.agent.dispatch;

import java.util.Arrays;
import java.util.List;

/**
 * A fast reading of the commonest tool arguments: one flat JSON object whose values are plain strings (no escapes),
 * integers, booleans or null. It only ever accepts what the full reader would read the same way; anything else
 * (nesting, escapes, fractions, a duplicate key, anything unexpected) returns null and the full, strict reader
 * decides. This saves the parser's set-up on every dispatched call.
 */
final class FlatJson {

    private static final int MAX_LONG_DIGITS = 18;
    /** More keys than this go to the full reader, whose duplicate check does not grow with the square. */
    private static final int MAX_KEYS = 16;

    private final String text;
    private final List<String> expected;
    private int at;

    private FlatJson(String text, List<String> expected) {
        this.text = text;
        this.expected = expected;
    }

    /** The arguments, or null when the text is not of the simple shape this reads. */
    static ToolArguments read(String text) {
        return read(text, null);
    }

    /**
     * As {@link #read(String)}; when the keys are {@code expected}, in that order, that list is the names (the
     * last call's, most often), and no key string is built.
     */
    static ToolArguments read(String text, List<String> expected) {
        return new FlatJson(text, expected).object();
    }

    private ToolArguments object() {
        skipSpace();
        if (!take('{')) {
            return null;
        }
        // While the keys are the expected ones, in order, no name is stored: the expected list is the names.
        int expectedCount = expected == null ? 0 : expected.size();
        boolean asExpected = expected != null;
        String[] names = null;
        // Sized for the expected keys, so that a call of the usual shape needs no copy at the end.
        Object[] values = new Object[expected == null ? 4 : Math.max(expectedCount, 1)];
        int count = 0;
        skipSpace();
        if (!take('}')) {
            do {
                skipSpace();
                String name = key(count);
                if (name == null || count == MAX_KEYS) {
                    return null;
                }
                if (asExpected && (count >= expectedCount || name != expected.get(count))) {
                    asExpected = false;
                    names = copyOfExpected(count, values.length);
                }
                if (asExpected ? expectedContains(count, name) : contains(names, count, name)) {
                    return null;
                }
                skipSpace();
                if (!take(':')) {
                    return null;
                }
                skipSpace();
                Object value = value();
                if (value == this) {
                    return null;
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                }
                if (!asExpected) {
                    if (names == null) {
                        names = new String[values.length];
                    } else if (count == names.length) {
                        names = Arrays.copyOf(names, values.length);
                    }
                    names[count] = name;
                }
                values[count++] = value;
                skipSpace();
            } while (take(','));
            if (!take('}')) {
                return null;
            }
        }
        skipSpace();
        if (at != text.length()) {
            return null;
        }
        Object[] read = count == values.length ? values : Arrays.copyOf(values, count);
        if (asExpected && count == expectedCount) {
            return ToolArguments.of(expected, read);
        }
        if (asExpected) {
            // Fewer keys than expected, all of them the first expected ones.
            return ToolArguments.of(List.copyOf(expected.subList(0, count)), read);
        }
        return ToolArguments.of(count == 0 ? List.of() : List.of(Arrays.copyOf(names, count)), read);
    }

    private String[] copyOfExpected(int count, int capacity) {
        String[] names = new String[capacity];
        for (int i = 0; i < count; i++) {
            names[i] = expected.get(i);
        }
        return names;
    }

    private boolean expectedContains(int count, String name) {
        for (int i = 0; i < count; i++) {
            if (expected.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value at the cursor, or {@code this} when it is not of the simple kinds. */
    private Object value() {
        if (at >= text.length()) {
            return this;
        }
        char c = text.charAt(at);
        if (c == '"') {
            String string = string();
            return string == null ? this : string;
        }
        if (c == '-' || c >= '0' && c <= '9') {
            return integer();
        }
        if (text.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("null", at)) {
            at += 4;
            return null;
        }
        return this;
    }

    /** A key: the expected name at {@code index} itself when the text spells it, else a new string, or null. */
    private String key(int index) {
        if (expected != null && index < expected.size() && at < text.length() && text.charAt(at) == '"') {
            String name = expected.get(index);
            int end = at + 1 + name.length();
            if (end < text.length()
                    && text.charAt(end) == '"'
                    && text.regionMatches(at + 1, name, 0, name.length())
                    && plain(name)) {
                at = end + 1;
                return name;
            }
        }
        return string();
    }

    /** Whether {@code name} is spelt in JSON as it is (no escape, control character or surrogate needed). */
    private static boolean plain(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A string without escapes or control characters, or null. */
    private String string() {
        if (!take('"')) {
            return null;
        }
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                return null;
            }
            at++;
        }
        return null;
    }

    /** An integer as the full reader types it (Integer, else Long), or {@code this}. */
    private Object integer() {
        int start = at;
        take('-');
        int digitsStart = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        int digits = at - digitsStart;
        if (digits == 0 || digits > MAX_LONG_DIGITS || digits > 1 && text.charAt(digitsStart) == '0') {
            return this;
        }
        if (at < text.length() && (text.charAt(at) == '.' || text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            return this;
        }
        long value = Long.parseLong(text, start, at, 10);
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    private boolean take(char expected) {
        if (at < text.length() && text.charAt(at) == expected) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }
}
