package dev.toolgate.agent.policy;

import java.util.Locale;

/** What a call needs before it runs, as written in the policy's approval rules and defaults. */
public enum ApprovalAction {
    /** Runs. */
    ALLOW,
    /** Runs; the audit event is marked as a change worth reading (the article's {@code log_action}). */
    LOG,
    /** Waits for a person's approval through the configured channel. */
    APPROVE,
    /** Runs, recorded as approved by the rule itself. */
    AUTO_APPROVE,
    /** Refused. */
    DENY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
