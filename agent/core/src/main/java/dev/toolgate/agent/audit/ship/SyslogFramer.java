package dev.toolgate.agent.audit.ship;

import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.WrittenEvent;
import dev.toolgate.agent.decision.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 5424 syslog messages, octet-counted as RFC 6587 frames them for TCP: {@code LEN SP MSG}, where MSG is
 * {@code <PRI>1 TIMESTAMP HOSTNAME toolgate PROCID EVENT_TYPE [toolgate@32473 seq="N"] JSON}. The facility is
 * 13 (log audit); the severity is warning for a denial, error for a tool error, info otherwise. Events sent
 * again after a broken connection carry {@code resent="1"} in the structured data; the JSON is unchanged, so its
 * hash still verifies. TIMESTAMP, EVENT_TYPE, seq and the severity come from the values the event was written
 * with, never from the JSON, where the application's arguments may use the same names. 32473 is the private
 * enterprise number RFC 5612 reserves for documentation: replace it in collector rules only if you register your
 * own.
 */
final class SyslogFramer implements LineFramer {

    static final int FACILITY_LOG_AUDIT = 13;
    static final String SD_ID = "toolgate@32473";

    /** As the line's own timestamp: RFC 5424 allows six digits of a second. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String hostname = hostname();
    private final String procId = Long.toString(ProcessHandle.current().pid());
    private final StringBuilder header = new StringBuilder(160);

    @Override
    public void frame(WrittenEvent values, byte[] line, int offset, int length, boolean resent, OutputStream out)
            throws IOException {
        int severity = values.type() == EventType.ERROR ? 3 : values.decision() == Outcome.DENY ? 4 : 6;
        header.setLength(0);
        header.append('<')
                .append(FACILITY_LOG_AUDIT * 8 + severity)
                .append(">1 ")
                .append(TIMESTAMP.format(values.timestamp()))
                .append(' ')
                .append(hostname)
                .append(" toolgate ")
                .append(procId)
                .append(' ')
                .append(values.type().wireName())
                .append(" [")
                .append(SD_ID)
                .append(" seq=\"")
                .append(values.seq())
                .append('"');
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

    /** Header fields are printable US-ASCII without spaces (RFC 5424 PRINTUSASCII). */
    private static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.length() == 0 ? "-" : out.toString();
    }

    /** This host's name as syslog headers carry it; views name their source with it too. */
    static String localHostname() {
        return hostname();
    }

    private static String hostname() {
        try {
            return printable(InetAddress.getLocalHost().getHostName(), 255);
        } catch (UnknownHostException | SecurityException e) {
            return "-";
        }
    }
}
