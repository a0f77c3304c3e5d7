package dev.toolgate.agent.config;

import java.util.Locale;

/** Whether decisions are carried out or only recorded. */
public enum Mode {
    /** Refused calls never run. The default. */
    ENFORCE,
    /** Every call runs; what would have been refused is audited as such. */
    MONITOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
