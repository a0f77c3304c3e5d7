package dev.toolgate.agent.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code --since}: an ISO-8601 instant, or a duration ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1d}) ago. */
final class Since implements CommandLine.ITypeConverter<Instant> {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern DURATION = Pattern.compile("((\\d{1,9})(ms|s|m|h|d))+");

    @Override
    public Instant convert(String value) {
        return parse(value, Instant.now());
    }

    static Instant parse(String value, Instant now) {
        String text = value.trim();
        if (DURATION.matcher(text).matches()) {
            Duration ago = Duration.ZERO;
            Matcher part = PART.matcher(text);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                ago = ago.plus(
                        switch (part.group(2)) {
                            case "ms" -> Duration.ofMillis(amount);
                            case "s" -> Duration.ofSeconds(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            case "h" -> Duration.ofHours(amount);
                            default -> Duration.ofDays(amount);
                        });
            }
            return now.minus(ago);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is neither an ISO-8601 instant"
                    + " (2025-01-31T14:00:00Z) nor a duration ago (30s, 5m, 1h30m, 1d)");
        }
    }
}
