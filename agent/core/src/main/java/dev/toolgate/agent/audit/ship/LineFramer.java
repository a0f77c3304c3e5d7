package dev.toolgate.agent.audit.ship;

import dev.toolgate.agent.audit.WrittenEvent;
import java.io.IOException;
import java.io.OutputStream;

/** Puts one audit line on the wire in a collector's format. */
interface LineFramer {

    /**
     * @param values what the event was written with, from the spool record: a framer takes what it puts around
     *               the line from here, never from the line
     * @param line   the event as in the audit file, without the newline
     * @param resent true when this event may have reached the collector before (sent again after a broken
     *               connection)
     */
    void frame(WrittenEvent values, byte[] line, int offset, int length, boolean resent, OutputStream out)
            throws IOException;

    static LineFramer of(WireFormat format) {
        return format == WireFormat.SYSLOG
                ? new SyslogFramer()
                : (values, line, offset, length, resent, out) -> {
                    out.write(line, offset, length);
                    out.write('\n');
                };
    }
}
