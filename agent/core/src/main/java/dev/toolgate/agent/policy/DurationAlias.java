package dev.toolgate.agent.policy;

import dev.toolgate.agent.config.Durations;
import java.time.Duration;

/**
 * A policy key that takes a duration ({@code per: 1m}) beside its older alias with the unit in its name
 * ({@code per_seconds: 60}). Both given is an error naming both; a duration that is not a whole number of the
 * alias's unit is an error too, since the limit would otherwise be rounded silently.
 */
final class DurationAlias {

    private DurationAlias() {}

    /** The value in seconds, from whichever of the two keys is given; null when neither is. */
    static Long seconds(String key, String text, String aliasKey, Long alias) {
        Duration duration = parse(key, text, aliasKey, alias);
        if (duration == null) {
            return alias;
        }
        if (duration.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of seconds; '" + key
                    + "' counts in seconds here (write for instance 90s or 1m30s).");
        }
        return duration.toSeconds();
    }

    /** The value in milliseconds, from whichever of the two keys is given; null when neither is. */
    static Long millis(String key, String text, String aliasKey, Long alias) {
        Duration duration = parse(key, text, aliasKey, alias);
        return duration == null ? alias : Long.valueOf(duration.toMillis());
    }

    private static Duration parse(String key, String text, String aliasKey, Long alias) {
        if (text == null) {
            return null;
        }
        if (alias != null) {
            throw new IllegalArgumentException("both '" + key + "' and its older alias '" + aliasKey + "' are set;"
                    + " keep one (" + key + ": " + text + " or " + aliasKey + ": " + alias + ").");
        }
        Duration duration = Durations.parse(text);
        if (duration == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write for instance " + Durations.EXAMPLES + ".");
        }
        return duration;
    }
}
