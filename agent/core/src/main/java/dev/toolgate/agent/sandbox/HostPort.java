package dev.toolgate.agent.sandbox;

import java.net.InetAddress;
import java.util.Locale;

/**
 * One {@code network.connect} entry: {@code host:port}, where host is a name, a name glob ({@code *.example.com},
 * {@code *} for any) or an address literal ({@code [::1]} for IPv6), and port a number or {@code *}. A name
 * matches the name the connecting code resolved; an address literal matches the resolved address itself.
 */
record HostPort(String host, InetAddress literal, int port) {

    static final int ANY_PORT = -1;

    /** @throws IllegalArgumentException naming what is wrong with the entry */
    static HostPort parse(String entry) {
        String text = entry == null ? "" : entry.trim().toLowerCase(Locale.ROOT);
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + entry + "' is not host:port (write *:443, api.example.com:443,"
                    + " 10.0.0.5:5432 or [::1]:8080)");
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        int port;
        if (portText.equals("*")) {
            port = ANY_PORT;
        } else {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -2;
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("'" + entry + "': the port must be 0-65535 or *");
            }
        }
        InetAddress literal = null;
        if (host.startsWith("[") && host.endsWith("]")) {
            literal = literal(host.substring(1, host.length() - 1), entry);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + entry + "': write an IPv6 address in brackets, as [::1]:443");
        } else if (host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            literal = literal(host, entry);
        }
        return new HostPort(host, literal, port);
    }

    private static InetAddress literal(String text, String entry) {
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "': '" + text + "' is not an IP address");
        }
    }

    /** Whether a connection to {@code address} (resolved from {@code name}, null if it had none) matches. */
    boolean matches(String name, InetAddress address, int toPort) {
        if (port != ANY_PORT && port != toPort) {
            return false;
        }
        if (literal != null) {
            return literal.equals(address);
        }
        if (host.equals("*")) {
            return true;
        }
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (host.startsWith("*.")) {
            return lower.endsWith(host.substring(1));
        }
        return lower.equals(host);
    }

    /** Whether this entry names {@code address} itself (the one way to allow an internal address). */
    boolean names(InetAddress address) {
        return literal != null && literal.equals(address);
    }
}
