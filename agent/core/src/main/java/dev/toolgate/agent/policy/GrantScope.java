package dev.toolgate.agent.policy;

import java.util.Locale;

/** How far one human approval reaches: this call, identical calls in the session, or identical calls ever. */
public enum GrantScope {
    ONCE,
    SESSION,
    ALWAYS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GrantScope parse(String text) {
        for (GrantScope scope : values()) {
            if (scope.wireName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return scope;
            }
        }
        return null;
    }
}
