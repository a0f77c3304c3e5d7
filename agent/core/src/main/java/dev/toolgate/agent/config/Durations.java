package dev.toolgate.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one form of durations in settings and policies: whole numbers with units, largest unit first, written
 * together: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1d}, {@code 2h15m30s}. Units: {@code d},
 * {@code h}, {@code m}, {@code s}, {@code ms}; each at most once.
 */
public final class Durations {

    private static final Pattern FORM =
            Pattern.compile("(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

    /** What {@link #describe} says a duration looks like, for error messages. */
    public static final String EXAMPLES = "250ms, 30s, 5m, 1h30m or 1d";

    private Durations() {}

    /** The duration, or null when {@code text} is not of the form above or is zero. */
    public static Duration parse(String text) {
        Duration duration = parseAllowingZero(text);
        return duration == null || duration.isZero() ? null : duration;
    }

    /** As {@link #parse}, but {@code 0} (and {@code 0s} and the like) is zero rather than null. */
    public static Duration parseAllowingZero(String text) {
        if (text == null) {
            return null;
        }
        // Spaces between the parts ("1h 30m", "5 s") and upper-case units were accepted before; they still are.
        String trimmed = text.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = FORM.matcher(trimmed);
        if (trimmed.isEmpty() || !matcher.matches()) {
            return null;
        }
        Duration duration = Duration.ZERO;
        long[] unitMillis = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        for (int group = 1; group <= 5; group++) {
            if (matcher.group(group) != null) {
                duration = duration.plusMillis(Long.parseLong(matcher.group(group)) * unitMillis[group - 1]);
            }
        }
        return duration;
    }
}
