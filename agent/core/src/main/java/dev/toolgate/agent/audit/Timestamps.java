package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.json.CanonicalJsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes instants as ISO-8601 UTC with microseconds, {@code "2025-01-31T12:00:00.123456Z"}. The text up to the
 * second is formatted once per second, which matters at hundreds of thousands of events a second. Not
 * thread-safe.
 */
final class Timestamps {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedPrefix;

    void write(CanonicalJsonWriter json, Instant instant) {
        long second = instant.getEpochSecond();
        if (second != cachedSecond) {
            cachedPrefix = ("\"" + SECONDS.format(instant) + ".").getBytes(StandardCharsets.US_ASCII);
            cachedSecond = second;
        }
        json.startRawValue();
        json.raw(cachedPrefix);
        int micros = instant.getNano() / 1_000;
        for (int divisor = 100_000; divisor > 0; divisor /= 10) {
            json.put((byte) ('0' + (micros / divisor) % 10));
        }
        json.put((byte) 'Z');
        json.put((byte) '"');
    }
}
