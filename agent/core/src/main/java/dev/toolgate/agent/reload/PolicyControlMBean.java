package dev.toolgate.agent.reload;

/** The policy over JMX, as {@code dev.toolgate:type=Policy}: what is in force, and a reload on demand. */
public interface PolicyControlMBean {

    /**
     * Loads the policy source again now. The answer starts with {@code reloaded:}, {@code unchanged:} or
     * {@code failed:} and says which policy is in force.
     */
    String reload();

    /** The file or directory the policy is read from. */
    String getSource();

    /** The sha256 of the policy in force. */
    String getSha256();

    /** When the policy in force was loaded (ISO-8601, UTC). */
    String getLoadedAt();

    /** The problem of the last reload if it failed, else empty. */
    String getLastError();

    /** When a reload was last tried (ISO-8601, UTC), or empty. */
    String getLastAttemptAt();

    /** Successful reloads since start. */
    long getReloadCount();

    /** Failed reloads since start. */
    long getFailedReloadCount();
}
