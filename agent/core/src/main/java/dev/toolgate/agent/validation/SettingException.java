package dev.toolgate.agent.validation;

/**
 * A validation setting in the policy that cannot be used. {@code key} is the dotted policy key (for instance
 * {@code tools.shell_exec.params.command.allow_programs}) so that the loader can name its line.
 */
public final class SettingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String key;

    public SettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
