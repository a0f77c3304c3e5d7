package dev.toolgate.agent.validation.url;

import dev.toolgate.agent.policy.Glob;
import dev.toolgate.agent.validation.ArgumentValidator;
import dev.toolgate.agent.validation.Decoding;
import dev.toolgate.agent.validation.Verdict;
import java.net.IDN;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code url}: an absolute URL, parsed and judged without any DNS look-up. Refused: schemes not allowed (default
 * http and https), credentials in the URL, hosts on the deny list or off the allow list, and every way of naming
 * an inside address: loopback, private, link-local, carrier-grade NAT and multicast ranges, cloud metadata
 * endpoints, numeric IPv4 in any encoding, IPv6 forms that embed such addresses, single-label and internal-zone
 * host names, host names that embed an internal IPv4 address, and authorities that URL parsers read differently.
 */
public final class UrlValidator implements ArgumentValidator {

    /**
     * Why a resolved address (4 or 16 bytes) is internal (loopback, private, link-local, metadata, reserved, or an
     * IPv6 form of one), or null when it is public: the rules the validator applies to URLs, for checks made at
     * connect time.
     */
    public static String internalAddress(byte[] address) {
        if (address.length == 4) {
            long value = ((address[0] & 0xffL) << 24)
                    | ((address[1] & 0xff) << 16)
                    | ((address[2] & 0xff) << 8)
                    | (address[3] & 0xff);
            return IpAddresses.internalIpv4(value);
        }
        int[] bytes = new int[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = address[i] & 0xff;
        }
        return IpAddresses.internalIpv6(bytes);
    }

    public static final String TYPE = "url";

    private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):(.*)", Pattern.DOTALL);

    private static final Set<String> INTERNAL_NAMES = Set.of(
            "localhost",
            "localhost.localdomain",
            "ip6-localhost",
            "ip6-loopback",
            "metadata",
            "metadata.google.internal",
            "metadata.goog",
            "instance-data",
            "instance-data.ec2.internal",
            "kubernetes",
            "kubernetes.default",
            "broadcasthost");

    private static final List<String> INTERNAL_SUFFIXES = List.of(
            ".localhost",
            ".local",
            ".localdomain",
            ".internal",
            ".intranet",
            ".corp",
            ".lan",
            ".home",
            ".home.arpa",
            ".private",
            ".svc",
            ".cluster.local",
            ".in-addr.arpa",
            ".ip6.arpa",
            ".test",
            ".invalid",
            ".example.internal");

    /** Public DNS names that resolve to the address written in them, or to loopback, by design. */
    private static final List<String> REBINDING_SUFFIXES = List.of(
            ".nip.io",
            ".xip.io",
            ".sslip.io",
            ".localtest.me",
            ".lvh.me",
            ".vcap.me",
            ".1u.ms",
            ".rbndr.us",
            ".nip.direct",
            ".traefik.me",
            ".localh.st",
            ".fbi.com");

    private static final Pattern EMBEDDED_DOTTED =
            Pattern.compile("(?:^|[.-])(\\d{1,3})[.-](\\d{1,3})[.-](\\d{1,3})" + "[.-](\\d{1,3})(?:[.-]|$)");
    private static final Pattern EMBEDDED_HEX = Pattern.compile("(?:^|[.-])([0-9a-f]{8})(?:[.-]|$)");

    private static final Pattern CARRIED_URL = Pattern.compile("(?i)https?://[^\\s&#]+");

    private final Set<String> schemes;
    private final List<Glob> allowHosts;
    private final List<Glob> denyHosts;
    private final boolean allowInternal;
    private final boolean allowCredentials;
    private final int maxLength;

    public UrlValidator(
            Set<String> schemes,
            List<String> allowHosts,
            List<String> denyHosts,
            boolean allowInternal,
            boolean allowCredentials,
            int maxLength) {
        this.schemes = schemes.stream()
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.allowHosts = allowHosts.stream()
                .map(h -> Glob.of(h.toLowerCase(Locale.ROOT)))
                .toList();
        this.denyHosts =
                denyHosts.stream().map(h -> Glob.of(h.toLowerCase(Locale.ROOT))).toList();
        this.allowInternal = allowInternal;
        this.allowCredentials = allowCredentials;
        this.maxLength = maxLength;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Verdict check(String value) {
        if (value.length() > maxLength) {
            return Verdict.deny("the URL is " + value.length() + " characters long, over the limit of " + maxLength);
        }
        String url = value.strip();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isISOControl(c)
                    || Character.isWhitespace(c)
                    || Character.isSurrogate(c) && !Character.isValidCodePoint(url.codePointAt(i))) {
                return Verdict.deny(
                        "the URL contains a blank or control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        Matcher scheme = SCHEME.matcher(url);
        if (!scheme.matches()) {
            return Verdict.deny("not an absolute URL with a scheme: " + value);
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (!schemes.contains(name)) {
            return Verdict.deny(
                    "the scheme '" + name + "' is not allowed (allowed: " + String.join(", ", schemes) + ")");
        }
        String rest = scheme.group(2);
        if (rest.startsWith("\\") || rest.startsWith("/\\") || rest.startsWith("\\/")) {
            return Verdict.deny("the URL uses backslashes where '//' belongs; URL parsers disagree about it");
        }
        if (!rest.startsWith("//")) {
            return Verdict.deny("the URL has no '//' authority; URL parsers disagree about where its host is");
        }
        int end = rest.length();
        for (int i = 2; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
            if (c == '\\') {
                return Verdict.deny("the URL's authority contains a backslash; URL parsers disagree about its host");
            }
        }
        String authority = rest.substring(2, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            if (!allowCredentials) {
                return Verdict.deny("the URL carries credentials or an '@' before the host ("
                        + authority.substring(0, Math.min(at, 40)) + "@…)");
            }
            authority = authority.substring(at + 1);
        }
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Verdict.deny("the URL's IPv6 host has no closing ']'");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return Verdict.deny("unexpected text after the IPv6 host: " + after);
                }
                port = after.substring(1);
            }
            int[] bytes = IpAddresses.ipv6(Decoding.fully(host).text());
            if (bytes == null) {
                return Verdict.deny("the URL's IPv6 host is not a valid address: " + host);
            }
            String reason = allowInternal ? null : IpAddresses.internalIpv6(bytes);
            if (reason != null) {
                return Verdict.deny("the host " + host + " is " + reason);
            }
            Verdict portVerdict = checkPort(port);
            return portVerdict.allowed() ? hostLists(host.toLowerCase(Locale.ROOT)) : portVerdict;
        }
        int colon = authority.lastIndexOf(':');
        if (colon >= 0) {
            port = authority.substring(colon + 1);
            host = authority.substring(0, colon);
        } else {
            host = authority;
        }
        Verdict portVerdict = checkPort(port);
        if (!portVerdict.allowed()) {
            return portVerdict;
        }
        Decoding.Decoded decoded = Decoding.fully(host);
        if (!Normalizer.isNormalized(decoded.text(), Normalizer.Form.NFKC)) {
            return Verdict.deny("the host " + host + " is written with Unicode compatibility characters that"
                    + " normalise to other letters, a filter-evasion trick");
        }
        String normalized = Normalizer.normalize(decoded.text(), Normalizer.Form.NFKC)
                .replace('\u3002', '.')
                .replace('\uff0e', '.')
                .replace('\uff61', '.')
                .toLowerCase(Locale.ROOT);
        while (normalized.endsWith(".")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.isEmpty()) {
            return Verdict.deny("the URL has no host");
        }
        if (normalized
                .chars()
                .anyMatch(c -> c == '%'
                        || c == '@'
                        || c == ':'
                        || c == '\\'
                        || c == '/'
                        || c == '['
                        || c == ']'
                        || c == '<'
                        || c == '>'
                        || c == '^'
                        || c == '|'
                        || c == '\u0000'
                        || c == ' ')) {
            return Verdict.deny("the URL's host contains characters no host name has: " + host);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(normalized, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Verdict.deny("the URL's host is not a valid domain name: " + host);
        }
        long ipv4 = IpAddresses.ipv4(ascii);
        if (ipv4 == IpAddresses.INVALID) {
            return Verdict.deny("the host " + host + " looks numeric but is no valid IPv4 address; URL parsers read"
                    + " it differently");
        }
        if (!allowInternal) {
            if (ipv4 >= 0) {
                String reason = IpAddresses.internalIpv4(ipv4);
                if (reason != null) {
                    return Verdict.deny("the host " + host + " is " + dotted(ipv4) + ", " + reason);
                }
            } else {
                String reason = internalName(ascii);
                if (reason != null) {
                    return Verdict.deny("the host " + host + " " + reason);
                }
            }
        }
        if (!ascii.equals(IDN.toASCII(IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED), IDN.ALLOW_UNASSIGNED))
                || !normalized.chars().allMatch(c -> c < 128)
                        && !IDN.toUnicode(ascii).equals(normalized)) {
            return Verdict.deny("the host " + host + " changes under IDNA mapping (to " + ascii + ")");
        }
        Verdict carried = carriedUrls(rest.substring(end));
        if (!carried.allowed()) {
            return carried;
        }
        return hostLists(ascii);
    }

    /** URLs carried in the path or query (open redirects): refused when they point inside. */
    private Verdict carriedUrls(String pathAndQuery) {
        String decoded = Decoding.fully(pathAndQuery).text();
        Matcher inner = CARRIED_URL.matcher(decoded);
        while (inner.find()) {
            Verdict verdict = check(inner.group());
            if (!verdict.allowed() && !verdict.reason().startsWith("the scheme")) {
                return Verdict.deny("the URL carries another URL that is refused: " + verdict.reason());
            }
        }
        return Verdict.ALLOW;
    }

    private Verdict hostLists(String host) {
        for (Glob deny : denyHosts) {
            if (deny.matches(host)) {
                return Verdict.deny("the host " + host + " is on deny_hosts (" + deny + ")");
            }
        }
        if (!allowHosts.isEmpty() && allowHosts.stream().noneMatch(allow -> allow.matches(host))) {
            return Verdict.deny("the host " + host + " is not on allow_hosts");
        }
        return Verdict.ALLOW;
    }

    private static Verdict checkPort(String port) {
        if (port == null || port.isEmpty()) {
            return Verdict.ALLOW;
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(port) > 65535) {
            return Verdict.deny("the URL's port '" + port + "' is not a port number; URL parsers disagree about it");
        }
        return Verdict.ALLOW;
    }

    private static String internalName(String host) {
        if (INTERNAL_NAMES.contains(host)) {
            return "is an internal or metadata host name";
        }
        if (host.indexOf('.') < 0) {
            return "is a single-label name, which resolves inside the network";
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (host.endsWith(suffix)) {
                return "is in the internal zone '" + suffix.substring(1) + "'";
            }
        }
        for (String suffix : REBINDING_SUFFIXES) {
            if (host.endsWith(suffix) || host.equals(suffix.substring(1))) {
                return "uses " + suffix.substring(1) + ", which resolves to the address written in the name";
            }
        }
        Matcher dotted = EMBEDDED_DOTTED.matcher(host);
        while (dotted.find()) {
            long address = 0;
            boolean valid = true;
            for (int g = 1; g <= 4; g++) {
                int part = Integer.parseInt(dotted.group(g));
                valid &= part <= 255;
                address = address << 8 | part;
            }
            if (valid && IpAddresses.internalIpv4(address) != null) {
                return "embeds the internal address " + dotted(address);
            }
        }
        Matcher hex = EMBEDDED_HEX.matcher(host);
        while (hex.find()) {
            long address = Long.parseLong(hex.group(1), 16);
            String reason = IpAddresses.internalIpv4(address);
            if (reason != null
                    && (address >>> 24 == 127
                            || address >>> 24 == 10
                            || address >>> 16 == 0xa9fe
                            || address >>> 16 == 0xc0a8)) {
                return "embeds the internal address " + dotted(address) + " in hex";
            }
        }
        return null;
    }

    private static String dotted(long address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }
}
