package dev.toolgate.agent.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's configuration, read once at start-up and never changed.
 *
 * @param policyFile  the YAML policy; empty when none is configured (every call is then refused)
 * @param defaultRole the role of calls made outside any scope; empty when none is configured
 * @param mode        enforce or monitor
 * @param auditFile   where audit events are appended
 * @param agentId     the {@code agent_id} of events made outside a scope that names one
 * @param settings    every key that was set, resolved by precedence, for the capabilities' own settings
 */
public record AgentConfig(
        Optional<Path> policyFile,
        Optional<String> defaultRole,
        Mode mode,
        Path auditFile,
        String agentId,
        Map<String, String> settings) {

    public AgentConfig {
        settings = Map.copyOf(settings);
    }

    /** The value of a setting such as {@code approval.channel}, from whichever source set it. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }
}
