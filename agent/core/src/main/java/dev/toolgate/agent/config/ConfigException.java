package dev.toolgate.agent.config;

/** A configuration value that cannot be used; the message names the key, its source and what to do. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
