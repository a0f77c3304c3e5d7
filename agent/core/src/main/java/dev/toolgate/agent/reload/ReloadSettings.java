package dev.toolgate.agent.reload;

import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigValues;
import dev.toolgate.agent.config.SettingNames;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the policy is reloaded: {@code policy.reload} (watch the source, default true),
 * {@code policy.reload.debounce} (quiet time before a change is loaded, default 250ms), {@code policy.reload.poll}
 * (content check without events, default 2s, 0 for none) and {@code policy.reload.jmx} (the
 * {@code dev.toolgate:type=Policy} MBean, default true).
 */
public record ReloadSettings(boolean watch, Duration debounce, Duration poll, boolean jmx) {

    public static final ReloadSettings DEFAULTS =
            new ReloadSettings(true, Duration.ofMillis(250), Duration.ofSeconds(2), true);

    public static ReloadSettings read(Function<String, Optional<String>> values) throws ConfigException {
        boolean watch = DEFAULTS.watch();
        Optional<String> text = values.apply(SettingNames.POLICY_RELOAD);
        if (text.isPresent()) {
            watch = ConfigValues.bool(SettingNames.POLICY_RELOAD, text.get());
        }
        Duration debounce = DEFAULTS.debounce();
        text = values.apply(SettingNames.POLICY_RELOAD_DEBOUNCE);
        if (text.isPresent()) {
            debounce = ConfigValues.duration(SettingNames.POLICY_RELOAD_DEBOUNCE, text.get());
        }
        Duration poll = DEFAULTS.poll();
        text = values.apply(SettingNames.POLICY_RELOAD_POLL);
        if (text.isPresent()) {
            poll = ConfigValues.duration(SettingNames.POLICY_RELOAD_POLL, text.get());
        }
        boolean jmx = DEFAULTS.jmx();
        text = values.apply(SettingNames.POLICY_RELOAD_JMX);
        if (text.isPresent()) {
            jmx = ConfigValues.bool(SettingNames.POLICY_RELOAD_JMX, text.get());
        }
        return new ReloadSettings(watch, debounce, poll, jmx);
    }

    /** For the start-up line. */
    public String describe() {
        if (!watch && !jmx) {
            return "policy reload: off";
        }
        return "policy reload: "
                + (watch ? "watching" + (poll.isZero() ? "" : " (poll " + poll.toMillis() + " ms)") : "")
                + (watch && jmx ? ", " : "") + (jmx ? "JMX " + PolicyControl.OBJECT_NAME : "");
    }
}
