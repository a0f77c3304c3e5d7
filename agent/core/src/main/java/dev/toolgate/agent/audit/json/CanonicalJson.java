package dev.toolgate.agent.audit.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a parsed JSON value (RFC 8785, JCS, with members sorted by code point: {@link KeyOrder}): what an audit event's hash is computed over, so
 * that a line can be checked however a tool re-formats it. Toolgate writes events that are already canonical;
 * this serves the verifier, which must not trust the bytes it reads.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of {@code node}, leaving out the top-level member {@code omit} (may be null). */
    public static byte[] bytes(JsonNode node, String omit) {
        CanonicalJsonWriter out = new CanonicalJsonWriter(512);
        write(out, node, omit);
        return out.toByteArray();
    }

    private static void write(CanonicalJsonWriter out, JsonNode node, String omit) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                String name = it.next().getKey();
                if (!name.equals(omit)) {
                    names.add(name);
                }
            }
            names.sort(KeyOrder.CODE_POINTS);
            out.beginObject();
            for (String name : names) {
                out.name(name);
                write(out, node.get(name), null);
            }
            out.endObject();
        } else if (node.isArray()) {
            out.beginArray();
            for (JsonNode element : node) {
                write(out, element, null);
            }
            out.endArray();
        } else if (node.isTextual()) {
            out.string(node.textValue());
        } else if (node.isBoolean()) {
            out.bool(node.booleanValue());
        } else if (node.isNull()) {
            out.nullValue();
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            out.number(node.longValue());
        } else if (node.isNumber()) {
            out.ascii(ecmaScriptNumber(node.doubleValue()));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /** ECMAScript's Number.prototype.toString, which JCS prescribes for numbers. */
    static String ecmaScriptNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        StringBuilder text = new StringBuilder(value < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            text.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            text.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            text.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            text.append(digits.charAt(0));
            if (k > 1) {
                text.append('.').append(digits, 1, k);
            }
            text.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return text.toString();
    }
}
