package dev.toolgate.agent.dispatch;

import java.util.ArrayList;
import java.util.Collections;
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
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /** The arguments, or null when the text is not of the simple shape this reads. */
    static ToolArguments read(String text) {
        return new FlatJson(text).object();
    }

    private ToolArguments object() {
        skipSpace();
        if (!take('{')) {
            return null;
        }
        List<String> names = new ArrayList<>(4);
        List<Object> values = new ArrayList<>(4);
        skipSpace();
        if (!take('}')) {
            do {
                skipSpace();
                String name = string();
                if (name == null || names.size() == MAX_KEYS || names.contains(name)) {
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
                names.add(name);
                values.add(value);
                skipSpace();
            } while (take(','));
            if (!take('}')) {
                return null;
            }
        }
        skipSpace();
        return at == text.length() ? ToolArguments.of(Collections.unmodifiableList(names), values.toArray()) : null;
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
