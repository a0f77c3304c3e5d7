package dev.toolgate.agent.audit.json;

import java.util.Comparator;

/**
 * The order of object members in the canonical form: by Unicode code point, which is UTF-8 byte order and what
 * Python's {@code json.dumps(sort_keys=True)} and {@code jq -S} use. (RFC 8785 sorts by UTF-16 code unit; the two
 * differ only between characters above U+FFFF and those from U+E000 to U+FFFF.)
 */
public final class KeyOrder {

    public static final Comparator<String> CODE_POINTS = KeyOrder::compare;

    private KeyOrder() {}

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
