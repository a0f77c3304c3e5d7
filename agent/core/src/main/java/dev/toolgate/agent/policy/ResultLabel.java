package dev.toolgate.agent.policy;

import java.util.Locale;

/** Where a tool's results stand for provenance: {@code tools.X.result}. */
public enum ResultLabel {
    /** Counts as what the user said: may steer any later call. */
    TRUSTED,
    /** The default for every tool: a later sink call carrying its values needs what the flow rules say. */
    UNTRUSTED,
    /** Untrusted, and must not leave through an EXTERNAL tool either. */
    CONFIDENTIAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
