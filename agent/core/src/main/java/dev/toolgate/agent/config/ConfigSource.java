package dev.toolgate.agent.config;

/** Where a setting's value came from, in the order they are asked: the first that sets a key wins. */
public enum ConfigSource {
    AGENT_ARGUMENT("agent argument"),
    SYSTEM_PROPERTY("system property"),
    ENVIRONMENT("environment"),
    CONFIG_FILE("config file"),
    DEFAULT("default");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    /** As the {@code config} report prints it. */
    public String label() {
        return label;
    }
}
