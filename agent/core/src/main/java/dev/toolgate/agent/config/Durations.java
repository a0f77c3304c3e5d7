package dev.toolgate.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in policies and settings: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private Durations() {}

    /** The duration, or null when {@code text} is not of the form above or is zero. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return duration.isZero() ? null : duration;
    }
}
