package dev.toolgate.agent.policy;

import java.util.Locale;

/**
 * The agent's own copy of the risk classes, in the same order as the API's {@code Risk}: the agent matches the
 * API by name and never loads it.
 */
public enum RiskLevel {
    READ,
    MODIFY,
    DELETE,
    EXTERNAL;

    /** Where no risk is known, a tool counts as this. */
    public static final RiskLevel HIGHEST = EXTERNAL;

    /** The spelling used in policies and audit events. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code read}, {@code READ}, ... ; null when the text names no risk class. */
    public static RiskLevel parse(String text) {
        if (text == null) {
            return null;
        }
        for (RiskLevel level : values()) {
            if (level.name().equalsIgnoreCase(text.trim())) {
                return level;
            }
        }
        return null;
    }
}
