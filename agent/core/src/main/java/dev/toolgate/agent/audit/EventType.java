package dev.toolgate.agent.audit;

import java.util.Locale;

/** The {@code event_type} of an audit event. */
public enum EventType {
    /** The gate decided a call: allow or deny. */
    DECISION,
    /** A call waits for a person's approval; {@code approval_id} names the request. */
    APPROVAL_REQUESTED,
    /** A tool returned; {@code result} holds what it returned. */
    TOOL_RESULT,
    /** A tool threw, or the gate itself failed; {@code result} holds the error. */
    ERROR,
    /** A budget refused a call or cut one off: which budget, its limit and the counts. */
    BUDGET_EXCEEDED,
    /** The agent started: configuration and policy in force. */
    AGENT_START,
    /** The JVM is shutting down: counters of the run. */
    AGENT_STOP,
    /** First line of every audit file: links the hash chain to the previous file, if any. */
    FILE_START,
    /** The file ended in a torn line (a crash mid-write): it was closed off, and this names its length and hash. */
    AUDIT_RECOVERY,
    /** Events that could not be recorded (queue full, file not writable, spool full): how many, and why. */
    AUDIT_GAP,
    /** An alert for a high-risk event could not be delivered. */
    ALERT_FAILED,
    /** Tools the caller's role can never call were left out of the list the model was shown (once per session). */
    TOOLS_HIDDEN,
    /** A changed policy was loaded and swapped in: the old and new sha256, and what triggered the reload. */
    POLICY_CHANGE,
    /** A changed policy could not be used: the problem, and the sha256 of the policy that stays in force. */
    POLICY_RELOAD_FAILED,
    /** A standing approval was revoked: which grant, what it covered, who approved it and who revoked it. */
    GRANT_REVOKED,
    /** Where the chain was (seq, hash, file), signed with the agent's key: an anchor kept off the host. */
    CHECKPOINT,
    /** A running tool tried an operation its role's sandbox refuses: operation, target, resolved path or address. */
    SANDBOX_VIOLATION,
    /** A running tool tried an operation its declared risk class does not cover (a READ tool writing, say). */
    RISK_MISMATCH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
