package dev.toolgate.agent.validation.url;

/**
 * Reads IP addresses in every form a URL parser or {@code inet_aton} accepts, and says whether they point
 * inside: decimal, octal and hex parts, short forms ({@code 127.1}, a single 32-bit number), IPv6 with embedded
 * IPv4, IPv4-mapped and -compatible, NAT64, 6to4 and Teredo forms.
 */
final class IpAddresses {

    private IpAddresses() {}

    /** Marks a host that looks numeric but is not a valid address: URL parsers disagree about such hosts. */
    static final long INVALID = -2;
    /** Not an IPv4 literal at all: a host name. */
    static final long NOT_NUMERIC = -1;

    /**
     * The IPv4 address of a host written as 1 to 4 numeric parts (each decimal, {@code 0}-octal or
     * {@code 0x}-hex), as WHATWG URL and {@code inet_aton} read it; {@link #NOT_NUMERIC} when the last label is
     * not a number, {@link #INVALID} when it is but the whole is no address.
     */
    static long ipv4(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (parts.length == 0 || parseNumber(parts[parts.length - 1]) == NOT_NUMERIC) {
            return NOT_NUMERIC;
        }
        if (parts.length > 4) {
            return INVALID;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parseNumber(parts[i]);
            if (values[i] < 0) {
                return INVALID;
            }
        }
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return INVALID;
            }
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return INVALID;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            address |= values[i] << (8 * (3 - i));
        }
        return address | last;
    }

    private static long parseNumber(String part) {
        if (part.isEmpty()) {
            return NOT_NUMERIC;
        }
        int radix = 10;
        String digits = part;
        if (part.length() > 1 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.length() > 32) {
            return INVALID;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 127) {
                return radix == 10 && !Character.isDigit(digits.charAt(i)) ? NOT_NUMERIC : INVALID;
            }
        }
        try {
            long value = Long.parseLong(digits, radix);
            return value > 0xffffffffL ? INVALID : value;
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    /** Why an IPv4 address is internal, or null when it is public. */
    static String internalIpv4(long a) {
        int first = (int) (a >>> 24);
        int second = (int) ((a >>> 16) & 0xff);
        if (a == 0xA9FEA9FEL || a == 0xA9FEA97BL || a == 0x64640064L) {
            return "a cloud metadata address";
        }
        if (first == 0) {
            return "the unspecified/this-network range 0.0.0.0/8";
        }
        if (first == 127) {
            return "the loopback range 127.0.0.0/8";
        }
        if (first == 10 || first == 172 && second >= 16 && second < 32 || first == 192 && second == 168) {
            return "a private range (RFC 1918)";
        }
        if (first == 169 && second == 254) {
            return "the link-local range 169.254.0.0/16";
        }
        if (first == 100 && second >= 64 && second < 128) {
            return "the carrier-grade NAT range 100.64.0.0/10";
        }
        if (first == 192 && second == 0 && ((a >>> 8) & 0xff) == 0 || first == 198 && (second == 18 || second == 19)) {
            return "a reserved range";
        }
        if (first >= 224) {
            return "a multicast or reserved range";
        }
        return null;
    }

    /** The 16 bytes of an IPv6 literal (no brackets, zone removed), or null when it is not one. */
    static int[] ipv6(String text) {
        String s = text;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty() || s.indexOf(':') < 0) {
            return null;
        }
        int[] groups = new int[8];
        int lastColon = s.lastIndexOf(':');
        String tail = s.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            long v4 = ipv4(tail);
            if (v4 < 0) {
                return null;
            }
            s = s.substring(0, lastColon + 1) + Long.toHexString(v4 >>> 16) + ":" + Long.toHexString(v4 & 0xffff);
        }
        String[] halves = s.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] rear = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
        if (halves.length == 1 ? head.length != 8 : head.length + rear.length > 7) {
            return null;
        }
        try {
            for (int i = 0; i < head.length; i++) {
                groups[i] = group(head[i]);
            }
            for (int i = 0; i < rear.length; i++) {
                groups[8 - rear.length + i] = group(rear[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        int[] bytes = new int[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = groups[i] >>> 8;
            bytes[2 * i + 1] = groups[i] & 0xff;
        }
        return bytes;
    }

    private static int group(String text) {
        if (text.isEmpty() || text.length() > 4) {
            throw new NumberFormatException(text);
        }
        return Integer.parseInt(text, 16);
    }

    /** Why an IPv6 address is internal (or maps to an internal IPv4 address), or null when it is public. */
    static String internalIpv6(int[] b) {
        boolean zeroHead = true;
        for (int i = 0; i < 10; i++) {
            zeroHead &= b[i] == 0;
        }
        long embedded = ((long) b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15];
        if (zeroHead && (b[10] == 0xff && b[11] == 0xff || b[10] == 0 && b[11] == 0)) {
            if (b[10] == 0 && embedded <= 1) {
                return embedded == 1 ? "the IPv6 loopback address" : "the IPv6 unspecified address";
            }
            String inner = internalIpv4(embedded);
            return inner == null ? null : "an IPv6 form of " + inner;
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) {
            String inner = internalIpv4(embedded);
            return inner == null ? null : "a NAT64 form of " + inner;
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            long six2four = ((long) b[2] << 24) | (b[3] << 16) | (b[4] << 8) | b[5];
            String inner = internalIpv4(six2four);
            return inner == null ? null : "a 6to4 form of " + inner;
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return "a Teredo tunnel address";
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "the IPv6 unique-local range fc00::/7";
        }
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80 || b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "the IPv6 link-local range fe80::/10";
        }
        if (b[0] == 0xff) {
            return "the IPv6 multicast range";
        }
        if (b[0] == 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == 0xc2) {
            return "a cloud metadata address";
        }
        return null;
    }
}
