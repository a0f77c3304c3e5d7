package dev.toolgate.agent.audit;

import dev.toolgate.agent.decision.Outcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An event's place in the audit file and the fields that listeners and framers act on, as the writer wrote them.
 * They travel beside the line instead of being read back from it: a line's {@code params} and {@code result} hold
 * whatever the application passed, members named {@code seq} or {@code timestamp} included.
 *
 * @param timestamp as written: UTC, to the microsecond
 * @param decision  the outcome of the decision the event records, or null where it records none
 */
public record WrittenEvent(long seq, Instant timestamp, EventType type, Outcome decision) {

    public WrittenEvent {
        Objects.requireNonNull(type, "type");
        // The line has microseconds: the values must say what it says.
        timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(ChronoUnit.MICROS);
    }

    /** The values of {@code event} written as {@code seq}. */
    static WrittenEvent of(long seq, AuditEvent event) {
        return new WrittenEvent(
                seq,
                event.timestamp(),
                event.type(),
                event.decision() == null ? null : event.decision().outcome());
    }
}
