package dev.toolgate.agent.audit.ship;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 5424 syslog messages, octet-counted as RFC 6587 frames them for TCP: {@code LEN SP MSG}, where MSG is
 * {@code <PRI>1 TIMESTAMP HOSTNAME toolgate PROCID EVENT_TYPE [toolgate@32473 seq="N"] JSON}. The facility is
 * 13 (log audit); the severity is warning for a denial, error for a tool error, info otherwise. Events sent
 * again after a broken connection carry {@code resent="1"} in the structured data; the JSON is unchanged, so its
 * hash still verifies. 32473 is the private enterprise number RFC 5612 reserves for documentation: replace it
 * in collector rules only if you register your own.
 */
final class SyslogFramer implements LineFramer {

    static final int FACILITY_LOG_AUDIT = 13;
    static final String SD_ID = "toolgate@32473";

    private final String hostname = hostname();
    private final String procId = Long.toString(ProcessHandle.current().pid());
    private final StringBuilder header = new StringBuilder(160);

    @Override
    public void frame(byte[] line, int offset, int length, boolean resent, OutputStream out) throws IOException {
        String json = new String(line, offset, Math.min(length, 4096), StandardCharsets.UTF_8);
        String eventType = field(json, "event_type");
        String decision = field(json, "decision");
        String timestamp = field(json, "timestamp");
        String seq = number(json, "seq");
        int severity = "error".equals(eventType) ? 3 : "deny".equals(decision) ? 4 : 6;
        header.setLength(0);
        header.append('<').append(FACILITY_LOG_AUDIT * 8 + severity).append(">1 ")
                .append(timestamp == null ? "-" : timestamp).append(' ')
                .append(hostname).append(" toolgate ").append(procId).append(' ')
                .append(eventType == null ? "-" : printable(eventType, 32)).append(" [").append(SD_ID)
                .append(" seq=\"").append(seq == null ? "0" : seq).append('"');
        if (resent) {
            header.append(" resent=\"1\"");
        }
        header.append("] ");
        byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] count = (Integer.toString(head.length + length) + " ").getBytes(StandardCharsets.US_ASCII);
        out.write(count);
        out.write(head);
        out.write(line, offset, length);
    }

    /** A string member of the canonical line; values Toolgate writes for these fields need no unescaping. */
    private static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    private static String number(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = start;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return end > start ? json.substring(start, end) : null;
    }

    /** Header fields are printable US-ASCII without spaces (RFC 5424 PRINTUSASCII). */
    private static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.length() == 0 ? "-" : out.toString();
    }

    private static String hostname() {
        try {
            return printable(InetAddress.getLocalHost().getHostName(), 255);
        } catch (UnknownHostException | SecurityException e) {
            return "-";
        }
    }
}
