package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.checkpoint.CheckpointSettings;
import dev.toolgate.agent.audit.file.Rotation;
import dev.toolgate.agent.audit.ship.ShipSettings;
import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigValues;
import dev.toolgate.agent.config.SettingNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the audit log is written, read once at start-up.
 *
 * @param file          the active audit file
 * @param fsync         when events are forced to disk
 * @param fsyncInterval for {@link FsyncPolicy#INTERVAL}: how often
 * @param queueCapacity events the queue between tool threads and the writer holds
 * @param callerWait    how long a tool thread waits for room in a full queue and, in every-event mode, for its
 *                      event to be on disk; after that the event counts as not recorded and non-READ calls are
 *                      refused
 * @param rotation      when the active file is rotated
 * @param jmx           whether the counters are registered as an MBean
 * @param ship          where events are shipped, or empty
 * @param checkpoints   signed checkpoints of the chain, or empty
 */
public record AuditSettings(
        Path file,
        FsyncPolicy fsync,
        Duration fsyncInterval,
        int queueCapacity,
        Duration callerWait,
        Rotation rotation,
        boolean jmx,
        Optional<ShipSettings> ship,
        Optional<CheckpointSettings> checkpoints) {

    public static final String FSYNC = SettingNames.AUDIT_FSYNC;
    public static final String FSYNC_INTERVAL = SettingNames.AUDIT_FSYNC_INTERVAL;
    public static final String QUEUE_CAPACITY = SettingNames.AUDIT_QUEUE_CAPACITY;
    public static final String WAIT = SettingNames.AUDIT_WAIT;
    public static final String ROTATE_SIZE = SettingNames.AUDIT_ROTATE_SIZE;
    public static final String ROTATE_AGE = SettingNames.AUDIT_ROTATE_AGE;
    public static final String JMX = SettingNames.AUDIT_JMX;

    /** Source of setting values: the agent's configuration ({@code ConfigReader::value}). */
    @FunctionalInterface
    public interface Values {
        Optional<String> get(String key);
    }

    /** Defaults for everything but the file: interval fsync every 10 ms, 64Ki queue, 5 s wait, 100 MB files. */
    public static AuditSettings defaults(Path file) {
        return new AuditSettings(
                file,
                FsyncPolicy.INTERVAL,
                Duration.ofMillis(10),
                65_536,
                Duration.ofSeconds(5),
                new Rotation(100L << 20, Duration.ZERO),
                true,
                Optional.empty(),
                Optional.empty());
    }

    public static AuditSettings read(Path file, Values values) throws ConfigException {
        AuditSettings defaults = defaults(file);
        Optional<String> fsyncText = values.get(FSYNC);
        FsyncPolicy fsync = defaults.fsync();
        if (fsyncText.isPresent()) {
            fsync = FsyncPolicy.parse(fsyncText.get());
            if (fsync == null) {
                throw new ConfigException("setting '" + FSYNC + "' = '" + fsyncText.get() + "' is not an fsync"
                        + " policy; use every-event, interval or os.");
            }
        }
        Duration interval = values.get(FSYNC_INTERVAL).isPresent()
                ? ConfigValues.duration(
                        FSYNC_INTERVAL, values.get(FSYNC_INTERVAL).get())
                : defaults.fsyncInterval();
        if (interval.isZero()) {
            throw new ConfigException("setting '" + FSYNC_INTERVAL + "' must be longer than 0; for an fsync per"
                    + " event use " + FSYNC + "=every-event.");
        }
        int capacity = values.get(QUEUE_CAPACITY).isPresent()
                ? ConfigValues.integer(
                        QUEUE_CAPACITY, values.get(QUEUE_CAPACITY).get(), 16, 1 << 24)
                : defaults.queueCapacity();
        Duration callerWait = values.get(WAIT).isPresent()
                ? ConfigValues.duration(WAIT, values.get(WAIT).get())
                : defaults.callerWait();
        long rotateSize = values.get(ROTATE_SIZE).isPresent()
                ? ConfigValues.size(ROTATE_SIZE, values.get(ROTATE_SIZE).get())
                : defaults.rotation().maxBytes();
        Duration rotateAge = values.get(ROTATE_AGE).isPresent()
                ? ConfigValues.duration(ROTATE_AGE, values.get(ROTATE_AGE).get())
                : defaults.rotation().maxAge();
        boolean jmx = values.get(JMX).isPresent()
                ? ConfigValues.bool(JMX, values.get(JMX).get())
                : defaults.jmx();
        return new AuditSettings(
                file,
                fsync,
                interval,
                capacity,
                callerWait,
                new Rotation(rotateSize, rotateAge),
                jmx,
                ShipSettings.read(file, values),
                CheckpointSettings.read(values::get));
    }

    public AuditSettings withFsync(FsyncPolicy policy) {
        return new AuditSettings(
                file, policy, fsyncInterval, queueCapacity, callerWait, rotation, jmx, ship, checkpoints);
    }

    public AuditSettings withRotation(Rotation newRotation) {
        return new AuditSettings(
                file, fsync, fsyncInterval, queueCapacity, callerWait, newRotation, jmx, ship, checkpoints);
    }

    public AuditSettings withQueue(int capacity, Duration newWait) {
        return new AuditSettings(file, fsync, fsyncInterval, capacity, newWait, rotation, jmx, ship, checkpoints);
    }

    public AuditSettings withShip(ShipSettings settings) {
        return new AuditSettings(
                file,
                fsync,
                fsyncInterval,
                queueCapacity,
                callerWait,
                rotation,
                jmx,
                Optional.ofNullable(settings),
                checkpoints);
    }

    public AuditSettings withCheckpoints(CheckpointSettings settings) {
        return new AuditSettings(
                file,
                fsync,
                fsyncInterval,
                queueCapacity,
                callerWait,
                rotation,
                jmx,
                ship,
                Optional.ofNullable(settings));
    }

    public AuditSettings withoutJmx() {
        return new AuditSettings(
                file, fsync, fsyncInterval, queueCapacity, callerWait, rotation, false, ship, checkpoints);
    }
}
