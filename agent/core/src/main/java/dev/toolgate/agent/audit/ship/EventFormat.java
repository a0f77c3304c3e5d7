package dev.toolgate.agent.audit.ship;

import java.util.Locale;

/**
 * What a shipping target receives for each event: the audit line itself, or a SIEM view of it made from the
 * event's values. The line on disk, and its hash, are the same whichever is chosen; every view carries the line
 * whole, so the chain can still be checked at the collector.
 */
public enum EventFormat {
    /** The audit line exactly as in the file. */
    NATIVE("json"),
    /** An OCSF event of the AI Agent Activity class, the audit event in {@code unmapped.toolgate}. */
    OCSF("ocsf"),
    /** A CloudEvents 1.0 structured-mode JSON event, the audit event as its {@code data}. */
    CLOUDEVENTS("cloudevents");

    private final String wireName;

    EventFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The format named {@code name}, or null. */
    static EventFormat parse(String name) {
        for (EventFormat format : values()) {
            if (format.wireName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        return null;
    }
}
