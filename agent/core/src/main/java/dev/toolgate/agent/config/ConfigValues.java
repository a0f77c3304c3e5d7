package dev.toolgate.agent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the value types settings share: durations ({@code 10ms}, {@code 5s}) and sizes ({@code 100MB}). */
public final class ConfigValues {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

    private ConfigValues() {}

    /** {@code 0}, or a duration in the one form of {@link Durations}: 250ms, 30s, 5m, 1h30m, 1d. */
    public static Duration duration(String key, String text) throws ConfigException {
        Duration duration = Durations.parseAllowingZero(text);
        if (duration != null) {
            return duration;
        }
        throw new ConfigException("setting '" + key + "' = '" + text + "' is not a duration; write whole numbers"
                + " with units, largest first, e.g. " + Durations.EXAMPLES + " (or 0).");
    }

    /** A number of bytes, optionally with a unit: KB, MB, GB (powers of 1024). */
    public static long size(String key, String text) throws ConfigException {
        Matcher matcher = AMOUNT.matcher(text.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
                case "", "B":
                    return amount;
                case "KB", "K":
                    return amount << 10;
                case "MB", "M":
                    return amount << 20;
                case "GB", "G":
                    return amount << 30;
                default:
                    break;
            }
        }
        throw new ConfigException("setting '" + key + "' = '" + text + "' is not a size; write a number of bytes,"
                + " optionally with a unit, e.g. 65536, 64KB, 100MB, 1GB.");
    }

    /** A whole number from {@code min} to {@code max}. */
    public static int integer(String key, String text, int min, int max) throws ConfigException {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigException(
                "setting '" + key + "' = '" + text + "' must be a whole number from " + min + " to " + max + ".");
    }

    public static boolean bool(String key, String text) throws ConfigException {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ConfigException("setting '" + key + "' = '" + text + "' must be true or false.");
    }
}
