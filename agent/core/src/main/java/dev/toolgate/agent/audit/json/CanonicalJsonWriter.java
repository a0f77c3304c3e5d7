package dev.toolgate.agent.audit.json;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Writes JSON straight into a growable UTF-8 byte buffer, in the canonical form audit hashes are computed over
 * (RFC 8785, JCS, restricted to what Toolgate writes): no whitespace; strings escape only {@code "}, {@code \}
 * and control characters ({@code \b \t \n \f \r}, others as lowercase {@code \\u00xx}); everything else is raw
 * UTF-8; numbers are integers. The caller writes object members in {@link KeyOrder}. Unpaired surrogates are written as U+FFFD, so the output is always
 * valid UTF-8. Not thread-safe.
 */
public final class CanonicalJsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] buffer;
    private int size;
    /** Whether the next value or member at the current level needs a comma before it. */
    private boolean comma;
    /** The outer levels' {@link #comma}, saved while a nested object or array is written. */
    private boolean[] outer = new boolean[32];

    private int depth;

    public CanonicalJsonWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        size = 0;
        depth = 0;
        comma = false;
    }

    /** Starts another top-level value after what is in the buffer (lines of JSON: no comma between them). */
    public void startDocument() {
        depth = 0;
        comma = false;
    }

    public int size() {
        return size;
    }

    /** The backing array; valid up to {@link #size()}. */
    public byte[] bytes() {
        return buffer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Drops everything after {@code length} bytes: lets a caller undo a member it started. */
    public void truncate(int length) {
        size = length;
    }

    public CanonicalJsonWriter beginObject() {
        separate();
        put((byte) '{');
        push();
        return this;
    }

    public CanonicalJsonWriter endObject() {
        pop();
        put((byte) '}');
        return this;
    }

    public CanonicalJsonWriter beginArray() {
        separate();
        put((byte) '[');
        push();
        return this;
    }

    public CanonicalJsonWriter endArray() {
        pop();
        put((byte) ']');
        return this;
    }

    /** A member name; the value written next belongs to it. */
    public CanonicalJsonWriter name(String name) {
        separate();
        quoted(name, 0, name.length());
        put((byte) ':');
        comma = false;
        return this;
    }

    /**
     * A member name given as its encoded form, {@code "name":} (quotes and colon included): for names written
     * millions of times.
     */
    public CanonicalJsonWriter name(byte[] encodedNameAndColon) {
        separate();
        raw(encodedNameAndColon);
        comma = false;
        return this;
    }

    /** A value given as its encoded JSON form, e.g. a string with its quotes. */
    public CanonicalJsonWriter encoded(byte[] encodedValue) {
        separate();
        raw(encodedValue);
        return this;
    }

    /** The encoded form of {@code text} as a JSON string, quotes included, for {@link #encoded}. */
    public static byte[] encode(String text) {
        CanonicalJsonWriter out = new CanonicalJsonWriter(text.length() + 8);
        out.string(text);
        return out.toByteArray();
    }

    public CanonicalJsonWriter string(String text) {
        if (text == null) {
            return nullValue();
        }
        separate();
        quoted(text, 0, text.length());
        return this;
    }

    /** The first {@code length} chars of {@code text} as a string followed by {@code suffix}, as one value. */
    public CanonicalJsonWriter string(String text, int length, String suffix) {
        separate();
        ensure(2);
        buffer[size++] = '"';
        chars(text, 0, length);
        chars(suffix, 0, suffix.length());
        buffer[size++] = '"';
        return this;
    }

    public CanonicalJsonWriter number(long value) {
        separate();
        digits(value);
        return this;
    }

    /** The decimal digits of {@code value} as they are, outside the member and comma bookkeeping. */
    public void digits(long value) {
        if (value == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (value < 0) {
            buffer[size++] = '-';
            value = -value;
        }
        int start = size;
        do {
            buffer[size++] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = t;
        }
    }

    public CanonicalJsonWriter bool(boolean value) {
        separate();
        raw(value ? TRUE : FALSE);
        return this;
    }

    public CanonicalJsonWriter nullValue() {
        separate();
        raw(NULL);
        return this;
    }

    /** Starts a value the caller writes itself with {@link #raw} and {@link #put}. */
    public void startRawValue() {
        separate();
    }

    /** Appends bytes that are already JSON, e.g. a closing {@code ,"hash":"…"}. */
    public void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** Appends {@code length} bytes of {@code bytes} from {@code offset}, already JSON. */
    public void raw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    public void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
    }

    public void put(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    /**
     * Feeds the UTF-8 bytes of {@code text} (unpaired surrogates as U+FFFD, as written here) to {@code digest},
     * without copying the whole text: a 16 MB value costs a small buffer, not 48 MB.
     */
    public static void digestUtf8(MessageDigest digest, String text) {
        byte[] chunk = new byte[8192];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (n > chunk.length - 4) {
                digest.update(chunk, 0, n);
                n = 0;
            }
            char c = text.charAt(i);
            if (c < 0x80) {
                chunk[n++] = (byte) c;
            } else if (c < 0x800) {
                chunk[n++] = (byte) (0xC0 | (c >> 6));
                chunk[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                chunk[n++] = (byte) (0xF0 | (cp >> 18));
                chunk[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                chunk[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                chunk[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                char bmp = Character.isSurrogate(c) ? '\uFFFD' : c;
                chunk[n++] = (byte) (0xE0 | (bmp >> 12));
                chunk[n++] = (byte) (0x80 | ((bmp >> 6) & 0x3F));
                chunk[n++] = (byte) (0x80 | (bmp & 0x3F));
            }
        }
        digest.update(chunk, 0, n);
    }

    private void quoted(String text, int from, int to) {
        ensure(2);
        buffer[size++] = '"';
        chars(text, from, to);
        buffer[size++] = '"';
    }

    @SuppressWarnings("deprecation")
    private void chars(String text, int from, int to) {
        // Worst case 6 bytes per char (backslash-u00xx); checked per char only when the fast estimate does not fit.
        ensure((to - from) * 3 + 2);
        int plain = from;
        while (plain < to) {
            char c = text.charAt(plain);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        if (plain > from) {
            // Printable ASCII that needs no escape: copied as bytes in one go.
            text.getBytes(from, plain, buffer, size);
            size += plain - from;
        }
        for (int i = plain; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    ensure(2 + (to - i) * 3);
                    buffer[size++] = '\\';
                }
                buffer[size++] = (byte) c;
            } else if (c < 0x20) {
                ensure(6 + (to - i) * 3);
                buffer[size++] = '\\';
                switch (c) {
                    case '\b' -> buffer[size++] = 'b';
                    case '\t' -> buffer[size++] = 't';
                    case '\n' -> buffer[size++] = 'n';
                    case '\f' -> buffer[size++] = 'f';
                    case '\r' -> buffer[size++] = 'r';
                    default -> {
                        buffer[size++] = 'u';
                        buffer[size++] = '0';
                        buffer[size++] = '0';
                        buffer[size++] = HEX[c >> 4];
                        buffer[size++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xC0 | (c >> 6));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                buffer[size++] = (byte) (0xF0 | (cp >> 18));
                buffer[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[size++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                char bmp = Character.isSurrogate(c) ? '\uFFFD' : c;
                buffer[size++] = (byte) (0xE0 | (bmp >> 12));
                buffer[size++] = (byte) (0x80 | ((bmp >> 6) & 0x3F));
                buffer[size++] = (byte) (0x80 | (bmp & 0x3F));
            }
        }
    }

    private void separate() {
        if (comma) {
            put((byte) ',');
        }
        comma = true;
    }

    private void push() {
        if (depth == outer.length) {
            outer = Arrays.copyOf(outer, depth * 2);
        }
        outer[depth++] = comma;
        comma = false;
    }

    private void pop() {
        comma = outer[--depth];
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
