package dev.toolgate.agent.screening;

import java.util.List;
import java.util.Locale;

/** What to do when screening finds prompt injection: record it, cut it out, or refuse. */
public enum ScreenAction {
    /** Screening is not done. */
    OFF,
    /** The finding is recorded in the audit event; the call or result goes through unchanged. */
    FLAG,
    /** The offending lines are replaced with {@code [FILTERED]} (results; for arguments this flags). */
    REDACT,
    /** The call is refused, or the tool's result is replaced by a refusal. */
    BLOCK;

    public static final List<String> NAMES = List.of("off", "flag", "redact", "block");

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScreenAction parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
