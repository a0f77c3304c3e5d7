package dev.toolgate.agent.config;

/**
 * One setting's value and where it came from.
 *
 * @param origin the exact place: {@code -Dtoolgate.audit.file}, {@code TOOLGATE_AUDIT_FILE},
 *               {@code /etc/toolgate/toolgate.properties:3}, {@code policy=…} in the agent arguments
 */
public record ConfigSetting(String key, String value, ConfigSource source, String origin) {}
