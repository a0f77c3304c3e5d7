package dev.toolgate.agent.audit.file;

import java.time.Duration;

/**
 * When the active audit file is closed and a new one started: at {@code maxBytes}, or when its first event is
 * {@code maxAge} old; zero turns a limit off.
 */
public record Rotation(long maxBytes, Duration maxAge) {

    public static final Rotation NEVER = new Rotation(0, Duration.ZERO);

    public Rotation {
        if (maxBytes < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("rotation limits cannot be negative");
        }
    }
}
