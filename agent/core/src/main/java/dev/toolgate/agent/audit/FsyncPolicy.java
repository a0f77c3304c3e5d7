package dev.toolgate.agent.audit;

import java.util.Locale;

/** When audit events are forced to the disk. */
public enum FsyncPolicy {
    /** Every event is on disk before the call it records goes on: callers wait, many share one fsync. */
    EVERY_EVENT,
    /** Group commit: written at once, forced every interval (default 10 ms). A crash loses at most that. */
    INTERVAL,
    /** Written at once, forced when the operating system decides. */
    OS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@code every-event}, {@code interval} or {@code os}; null for anything else. */
    public static FsyncPolicy parse(String text) {
        for (FsyncPolicy policy : values()) {
            if (policy.wireName().equalsIgnoreCase(text.trim())) {
                return policy;
            }
        }
        return null;
    }
}
