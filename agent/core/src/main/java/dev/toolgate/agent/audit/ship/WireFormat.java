package dev.toolgate.agent.audit.ship;

/** How events are framed on the wire. */
public enum WireFormat {
    /** One JSON event per line, as in the audit file (Vector, Fluent Bit, Logstash). */
    JSON_LINES,
    /** RFC 5424 syslog messages with the JSON event as MSG, octet-counted (RFC 6587). */
    SYSLOG
}
