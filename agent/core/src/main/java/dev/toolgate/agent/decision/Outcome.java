package dev.toolgate.agent.decision;

import java.util.Locale;

/** What the gate decided about a call. */
public enum Outcome {
    ALLOW,
    DENY,
    /** Waiting for a person: only ever seen in {@code approval_requested} audit events. */
    PENDING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
