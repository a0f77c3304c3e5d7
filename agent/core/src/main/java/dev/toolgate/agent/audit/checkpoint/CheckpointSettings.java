package dev.toolgate.agent.audit.checkpoint;

import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigValues;
import dev.toolgate.agent.config.SettingNames;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Signed checkpoints of the hash chain, read once at start-up: the key is loaded (and its file's mode checked)
 * here, so a key that cannot be used stops the configuration instead of the first checkpoint.
 *
 * @param keyFile     the PKCS#8 Ed25519 private key (mode 0600), with its public key beside it as FILE.pub
 * @param keys        the loaded pair
 * @param everyEvents a checkpoint after this many events; 0: by time only
 * @param interval    a checkpoint when events were written and this long has passed since the last; zero: by count
 *                    only
 */
public record CheckpointSettings(Path keyFile, KeyPair keys, long everyEvents, Duration interval) {

    public static final String KEY = SettingNames.AUDIT_CHECKPOINT_KEY;
    public static final String EVERY = SettingNames.AUDIT_CHECKPOINT_EVENTS;
    public static final String INTERVAL = SettingNames.AUDIT_CHECKPOINT_INTERVAL;

    static final long DEFAULT_EVERY = 1_000;
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** The checkpoint settings, or empty when {@code audit.checkpoint.key} is not set. */
    public static Optional<CheckpointSettings> read(Function<String, Optional<String>> values) throws ConfigException {
        Optional<String> key = values.apply(KEY);
        if (key.isEmpty() || key.get().isBlank()) {
            for (String other : new String[] {EVERY, INTERVAL}) {
                if (values.apply(other).isPresent()) {
                    throw new ConfigException("setting '" + other + "' is set but '" + KEY + "' is not: checkpoints"
                            + " need a signing key. Make one with: java -jar toolgate-agent.jar audit keygen FILE, then"
                            + " set " + KEY + "=FILE");
                }
            }
            return Optional.empty();
        }
        long every = values.apply(EVERY).isPresent()
                ? ConfigValues.integer(EVERY, values.apply(EVERY).get(), 0, Integer.MAX_VALUE)
                : DEFAULT_EVERY;
        Duration interval = values.apply(INTERVAL).isPresent()
                ? ConfigValues.duration(INTERVAL, values.apply(INTERVAL).get())
                : DEFAULT_INTERVAL;
        if (every == 0 && interval.isZero()) {
            throw new ConfigException("settings '" + EVERY + "' and '" + INTERVAL + "' are both 0: no checkpoint would"
                    + " ever be written. Set at least one of them (defaults: " + DEFAULT_EVERY + " events, "
                    + DEFAULT_INTERVAL.toSeconds() + "s), or unset '" + KEY + "' to write none.");
        }
        Path file = Path.of(key.get().trim());
        try {
            return Optional.of(new CheckpointSettings(file, CheckpointKeys.loadPair(file), every, interval));
        } catch (CheckpointKeys.KeyException e) {
            throw new ConfigException("setting '" + KEY + "': " + e.getMessage());
        }
    }

    /** The key id checkpoints carry. */
    public String keyId() {
        return CheckpointKeys.keyId(keys.getPublic());
    }

    @Override
    public String toString() {
        // Never the key itself.
        return "CheckpointSettings[keyFile=" + keyFile + ", key=" + keyId() + ", everyEvents=" + everyEvents
                + ", interval=" + interval + "]";
    }
}
