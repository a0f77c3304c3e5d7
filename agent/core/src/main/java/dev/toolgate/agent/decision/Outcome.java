package dev.toolgate.agent.decision;

import java.util.Locale;

/** What the gate decided about a call. */
public enum Outcome {
    ALLOW, DENY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
